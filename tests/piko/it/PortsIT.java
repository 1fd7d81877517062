package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.port;
import static piko.it.CreateIT.runningServices;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

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
    void aHeldUdpPortIsSkippedAndAPortTakenWhileStoppedIsRePlannedAtUp() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            try (DatagramSocket held = new DatagramSocket(null)) {
                held.bind(new InetSocketAddress("0.0.0.0", p.planned(1, 6379)));
                p.piko("create", "t").ok();
                int redis = port(p, "t", "PIKO_REDIS_PORT");
                assertNotEquals(p.planned(1, 6379), redis, "UDP " + p.planned(1, 6379) + " is held");
                assertEquals(redis, published(p, "t", "redis", 6379));
                assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("t")));
            }
            p.piko("down", "t").ok();
            int old = statePort(p, "t");
            assertAnsweredFromKeptCopy(p, "t", old);
            try (ServerSocket held = new ServerSocket()) {
                held.bind(new InetSocketAddress("0.0.0.0", old));
                Run doctor = p.piko("doctor");
                assertEquals(1, doctor.code(), doctor.describe());
                assertTrue(doctor.out().contains("t: host port " + old + " of redis (6379/tcp) is held by something else"),
                        doctor.describe());
                Run up = p.piko("up", "t").ok();
                int now = statePort(p, "t");
                assertNotEquals(old, now);
                assertAnsweredFromKeptCopy(p, "t", now);
                assertTrue(up.err().contains("Host port of redis 6379/tcp is now " + now + " (was " + old + ")"), up.describe());
                assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("t")));
                assertEquals(now, published(p, "t", "redis", 6379));
            }
        }
    }

    /**
     * `piko env` answers from the copy that create or up kept (the command in full would write it
     * anew, as a new file), in the worktree too, with the port the state holds.
     */
    private static void assertAnsweredFromKeptCopy(TestProject p, String env, int redisPort) throws Exception {
        Path kept = p.root.resolve(".piko/env/" + env);
        Object file = Files.readAttributes(kept, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Run again = p.piko("env", env).ok();
        Run inWorktree = p.pikoAt(p.root.resolve(".piko/worktrees/" + env), Map.of(), "env").ok();
        assertEquals(file, Files.readAttributes(kept, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "the kept answer was written anew: env ran in full");
        assertTrue(again.out().contains("export PIKO_REDIS_PORT='" + redisPort + "'\n"), again.describe());
        assertTrue(Files.readString(kept).endsWith("\n\n" + again.out()), again.describe());
        assertEquals(again.out(), inWorktree.out());
    }

    /**
     * Another process takes the shared host port after piko planned it and before Docker publishes
     * it (a `docker` first on PATH holds the first compose up until the test holds the port): share,
     * and a create that starts the shared instance again (on a terminal, where compose's own output
     * goes to the user only), plan that port anew and start.
     */
    @Test
    void aSharedPortTakenAfterThePlanIsPlannedAnewByShareAndByCreate() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            int[] taken = new int[1];
            Run share = takingThePlannedPort(p, taken, env -> p.pikoAt(p.root, env, "share", "redis"));
            int moved = sharedPort(p);
            assertNotEquals(taken[0], moved);
            assertTrue(share.err().contains("Host port of shared redis 6379/tcp is now " + moved + " (was " + taken[0] + ")"),
                    share.describe());
            assertEquals(moved, published(p, "shared", "redis", 6379));

            p.piko("down", "--shared").ok();
            Run create = takingThePlannedPort(p, taken, env -> TerminalIT.onTerminal(p, env, "create", "e"));
            assertEquals(moved, taken[0], "the recorded port was planned again");
            int now = port(p, "e", "PIKO_REDIS_PORT");
            assertNotEquals(moved, now);
            assertTrue(create.out().contains("Host port of shared redis 6379/tcp is now " + now + " (was " + moved + ")"),
                    create.describe());
            assertEquals(now, sharedPort(p));
            assertEquals(now, published(p, "shared", "redis", 6379));
            assertEquals(Set.of("web"), runningServices(p.composeProject("e")));
            assertEquals("PONG", CreateIT.redis(now, "PING"));
        }
    }

    /**
     * Runs piko (given its environment) with a `docker` that passes everything to the real one, but
     * holds the first `compose ... up` until the test has bound the shared redis port piko planned
     * (set in taken); returns piko's run, which must succeed.
     */
    private static Run takingThePlannedPort(TestProject p, int[] taken, Function<Map<String, String>, Run> piko)
            throws Exception {
        Path bin = Files.createTempDirectory("piko-it-docker");
        String real = TestProject.exec(Path.of("/"), Map.of(), List.of("sh", "-c", "command -v docker")).out().strip();
        Path docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                if [ "$1" = compose ] && [ ! -e "%1$s/go" ]; then
                  for a in "$@"; do
                    if [ "$a" = up ]; then
                      touch "%1$s/up"
                      while [ ! -e "%1$s/go" ]; do [ -e "%1$s/up" ] || exit 1; sleep 0.1; done
                    fi
                  done
                fi
                exec %2$s "$@"
                """.formatted(bin, real));
        assertTrue(docker.toFile().setExecutable(true));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Map<String, String> env = new HashMap<>(TestProject.MACHINE);
            env.put("PATH", bin + ":" + System.getenv("PATH"));
            Future<Run> run = pool.submit(() -> piko.apply(env));
            while (!Files.exists(bin.resolve("up"))) {
                assertFalse(run.isDone() && !Files.exists(bin.resolve("up")), () -> "piko ran no compose up: " + describe(run));
                Thread.sleep(50);
            }
            taken[0] = statePort(p, "shared");
            try (ServerSocket held = new ServerSocket()) {
                held.bind(new InetSocketAddress("0.0.0.0", taken[0]));
                Files.createFile(bin.resolve("go"));
                return run.get().ok();
            }
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.list(bin)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(bin);
        }
    }

    private static String describe(Future<Run> run) {
        try {
            return run.get().describe();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The shared redis's host port as piko shared --json shows it, which must be the state's. */
    private static int sharedPort(TestProject p) throws Exception {
        List<Map<String, Object>> shared = new Yaml().load(p.piko("shared", "--json").ok().out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ports = (List<Map<String, Object>>) shared.get(0).get("ports");
        int shown = (Integer) ports.get(0).get("host");
        assertEquals(statePort(p, "shared"), shown, "piko shared --json shows the state's port");
        return shown;
    }

    /** The host port of redis (6379/tcp) in the project's state, in a scope (an environment, or shared). */
    private static int statePort(TestProject p, String scope) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + p.root.resolve(".piko/state.db"));
             ResultSet r = db.createStatement().executeQuery("SELECT host_port FROM port_allocation WHERE scope = '"
                     + scope + "' AND service = 'redis' AND target = 6379 AND protocol = 'tcp'")) {
            assertTrue(r.next(), "the state holds a port of redis in " + scope);
            return r.getInt(1);
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
