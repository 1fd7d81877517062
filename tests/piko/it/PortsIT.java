package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.port;
import static piko.it.CreateIT.runningServices;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Host ports are unique on the machine, busy ports are re-planned, and a changed plan applies at up. */
class PortsIT extends DockerRequired {
    /** The host port Docker publishes for a container port of an environment's service. */
    static int published(TestProject p, String env, String service, int target) {
        String out = TestProject.docker("port", p.composeProject(env) + "-" + service + "-1", target + "/tcp").ok().out();
        return Integer.parseInt(out.lines().findFirst().orElseThrow().replaceAll(".*:(\\d+)$", "$1"));
    }

    @Test
    void twoProjectsWithTheDefaultPortsNeverShareAHostPort() throws Exception {
        try (TestProject a = TestProject.withCompose(TestProject.WEB_AND_REDIS);
             TestProject b = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            for (TestProject p : Set.of(a, b)) {
                p.write("piko.yaml", "");  // the default base, 10000, for both
                p.commit("default ports");
                p.piko("init").ok();
            }
            a.piko("create", "e1").ok();
            a.piko("down", "e1").ok();  // a's ports are not bound now: only the record keeps them
            b.piko("create", "e1").ok();
            a.piko("up", "e1").ok();
            assertEquals(Set.of("web", "redis"), runningServices(a.composeProject("e1")));
            assertEquals(Set.of("web", "redis"), runningServices(b.composeProject("e1")));
            int aRedis = port(a, "e1", "PIKO_REDIS_PORT");
            int bRedis = port(b, "e1", "PIKO_REDIS_PORT");
            assertNotEquals(aRedis, bRedis);
            assertNotEquals(port(a, "e1", "PIKO_WEB_PORT"), port(b, "e1", "PIKO_WEB_PORT"));
            assertEquals(aRedis, published(a, "e1", "redis", 6379));
            assertEquals(bRedis, published(b, "e1", "redis", 6379));
        }
    }

    @Test
    void aHeldUdpPortIsSkipped() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS);
             DatagramSocket held = new DatagramSocket(null)) {
            held.bind(new InetSocketAddress("0.0.0.0", p.planned(1, 6379)));
            p.piko("create", "u").ok();
            int redis = port(p, "u", "PIKO_REDIS_PORT");
            assertNotEquals(p.planned(1, 6379), redis, "UDP " + p.planned(1, 6379) + " is held");
            assertEquals(redis, published(p, "u", "redis", 6379));
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("u")));
        }
    }

    @Test
    void aPortTakenWhileStoppedIsRePlannedAtUp() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "t").ok();
            p.piko("down", "t").ok();
            int old = port(p, "t", "PIKO_REDIS_PORT");
            try (ServerSocket held = new ServerSocket()) {
                held.bind(new InetSocketAddress("0.0.0.0", old));
                Run doctor = p.piko("doctor");
                assertEquals(1, doctor.code(), doctor.describe());
                assertTrue(doctor.out().contains("t: host port " + old + " of redis (6379/tcp) is held by something else"),
                        doctor.describe());
                Run up = p.piko("up", "t").ok();
                int now = port(p, "t", "PIKO_REDIS_PORT");
                assertNotEquals(old, now);
                assertTrue(up.err().contains("Host port of redis 6379/tcp is now " + now + " (was " + old + ")"), up.describe());
                assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("t")));
                assertEquals(now, published(p, "t", "redis", 6379));
            }
        }
    }

    @Test
    void aChangedPortBaseAppliesAtTheNextUp() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "c").ok();
            assertEquals(p.planned(1, 6379), port(p, "c", "PIKO_REDIS_PORT"));
            int newBase = p.portBase + 500;
            p.write("piko.yaml", "ports:\n  base: " + newBase + "\n");
            p.piko("up", "c").ok();
            assertEquals(newBase + 100 + 79, port(p, "c", "PIKO_REDIS_PORT"));
            assertEquals(newBase + 100 + 79, published(p, "c", "redis", 6379));
            assertEquals(newBase + 100 + 80, published(p, "c", "web", 8080));
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("c")));
        }
    }
}
