package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.runningServices;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shared-services spec's six cases, plus isolation of names and networks, faults and sync. */
class SharedIT extends DockerRequired {
    /** web and db each serve their environment's name over HTTP; web depends on redis. */
    static final String APP = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo web-${PIKO_ENV_NAME:-none} > /tmp/index.html && exec httpd -f -p 8080 -h /tmp"]
                ports: ["8080"]
                depends_on: [redis, db]
                stop_grace_period: 1s
              db:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo db-${PIKO_ENV_NAME:-none} > /tmp/index.html && exec httpd -f -p 8000 -h /tmp"]
                stop_grace_period: 1s
              redis:
                image: piko-test/redis:1
                ports: ["6379"]
                volumes: [data:/data]
                stop_grace_period: 1s
            volumes:
              data: {}
            """;

    static String web(TestProject p, String env) {
        return p.composeProject(env) + "-web-1";
    }

    /** Runs a shell line inside a container and returns its output. */
    static String sh(String container, String script) {
        return TestProject.dockerExec(container, script).out();
    }

    static String redisFrom(String container, String command) {
        return sh(container, "printf '" + command + "\\r\\n' | nc -w 2 redis 6379");
    }

    static String http(String container, String host, int port) {
        return sh(container, "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + host + " " + port + " | tail -n 1").strip();
    }

    static String sharedContainer(TestProject p, String service) {
        return "piko-" + p.name + "-shared-" + service + "-1";
    }

    @Test
    void shareStartsOneInstanceEnvironmentsUseItInsteadOfTheirOwnAndDestroyingThemAllLeavesItRunning() throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            Run share = p.piko("share", "redis").ok();
            assertTrue(share.err().contains("\u2713 Marked redis as shared"), share.describe());
            assertTrue(share.err().contains("\u2713 Created shared network: piko-" + p.name + "-shared"), share.describe());
            assertTrue(share.err().contains("\u2713 Started shared redis container"), share.describe());
            assertEquals(Set.of("redis"), runningServices("piko-" + p.name + "-shared"));
            assertTrue(DockerOracle.networkExists("piko-" + p.name + "-shared"));
            assertTrue(Files.readString(p.root.resolve("piko.yaml")).contains("shared:\n  - redis\n"));

            p.piko("create", "feature-auth").ok();
            p.piko("create", "feature-pay").ok();
            for (String env : List.of("feature-auth", "feature-pay")) {
                assertEquals(Set.of("web", "db"), runningServices(p.composeProject(env)), "no redis of its own in " + env);
            }
            assertEquals(1, DockerOracle.containers("com.docker.compose.service", "redis").stream()
                    .filter(c -> p.name.equals(c.getLabels().get("dev.piko.project"))).count());
            // data written through one environment is read through the other
            assertTrue(redisFrom(web(p, "feature-auth"), "SET spec shared-data").contains("+OK"));
            assertTrue(redisFrom(web(p, "feature-pay"), "GET spec").contains("shared-data"));
            // the host port of a shared service points at the shared instance
            int port = CreateIT.port(p, "feature-pay", "PIKO_REDIS_PORT");
            assertEquals("shared-data", CreateIT.redis(port, "GET", "spec"));
            assertEquals(p.planned(0, 6379), port, "shared services use block 0, which no environment uses");
            Run again = p.piko("share", "redis").ok();
            assertTrue(again.err().contains("redis is already shared"), again.describe());

            // destroying every environment leaves the shared instance running, with no consumer
            p.piko("destroy", "feature-auth").ok();
            p.piko("destroy", "feature-pay").ok();
            assertEquals(Set.of("redis"), runningServices("piko-" + p.name + "-shared"));
            List<Map<String, Object>> shared = new Yaml().load(p.piko("shared", "--json").ok().out());
            assertEquals(List.of(), shared.get(0).get("consumers"));
            assertEquals("running", shared.get(0).get("status"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesResolveOnlyInsideTheirOwnEnvironmentEnvironmentsCannotReachEachOtherAndARecreatedSharedContainerIsRelinked()
            throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            p.piko("share", "redis").ok();
            // names sorting before and after "shared"
            p.piko("create", "alpha").ok();
            p.piko("create", "zeta").ok();
            for (String env : List.of("alpha", "zeta")) {
                assertEquals("db-" + env, http(web(p, env), "db", 8000), "db must be the environment's own");
                for (int i = 0; i < 5; i++) {
                    String lookup = sh(web(p, env), "nslookup db 127.0.0.11");
                    assertEquals(1, lookup.lines().filter(l -> l.startsWith("Address") && !l.contains("127.0.0.11")).count(),
                            "db must resolve to one address only:\n" + lookup);
                }
                assertTrue(redisFrom(web(p, env), "PING").contains("PONG"));
            }
            String zetaWebIp = TestProject.docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                    web(p, "zeta")).out().strip();
            CorpusIT.unreachable(web(p, "alpha"), zetaWebIp, 8080, CorpusIT.HTTP_GET, "web-zeta", "alpha reached zeta").run();
            Map<String, Object> networks = new Yaml().load(TestProject.docker("inspect", "-f",
                    "{{json .NetworkSettings.Networks}}", web(p, "alpha")).out());
            assertEquals(Set.of(p.composeProject("alpha")), networks.keySet(), "environment containers stay off the shared network");

            // the shared container removed and made again: up of one consumer relinks every consumer
            TestProject.docker("rm", "-f", sharedContainer(p, "redis"));
            assertFalse(redisFrom(web(p, "alpha"), "PING").contains("PONG"));
            p.piko("up", "alpha").ok();
            assertTrue(redisFrom(web(p, "alpha"), "PING").contains("PONG"));
            assertTrue(redisFrom(web(p, "zeta"), "PING").contains("PONG"), "every consumer is relinked");
        }
    }

    @Test
    void isolateStopsSharingNewEnvironmentsGetTheirOwnAndTheLastConsumerStopsTheInstance() throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            p.piko("share", "redis").ok();
            p.piko("create", "old").ok();
            Run isolate = p.piko("isolate", "redis").ok();
            assertTrue(isolate.err().contains("\u2713 Marked redis as isolated"), isolate.describe());
            assertTrue(isolate.err().contains("keeps serving old"), isolate.describe());
            assertTrue(Files.readString(p.root.resolve("piko.yaml")).contains("shared: []"));
            assertTrue(redisFrom(web(p, "old"), "PING").contains("PONG"), "existing consumers keep working");
            assertTrue(p.piko("shared").ok().out().contains("redis (isolated)"));

            p.piko("create", "new").ok();
            assertEquals(Set.of("web", "db", "redis"), runningServices(p.composeProject("new")), "after isolate: own redis");
            assertTrue(redisFrom(web(p, "new"), "SET mine 1").contains("+OK"));
            assertFalse(redisFrom(web(p, "old"), "GET mine").contains("$1"), "new env's redis is its own");

            p.piko("destroy", "old").ok();
            assertEquals(Set.of(), runningServices("piko-" + p.name + "-shared"), "isolated instance stops with its last consumer");
            assertTrue(p.piko("shared").ok().err().contains("No shared services"));
            p.piko("isolate", "redis").fails("redis is not shared");
        }
    }

    @Test
    void aServiceThatDependsOnASharedOneStartsAndReachesIt() throws Exception {
        try (TestProject p = TestProject.initialised(APP.replace("depends_on: [redis, db]",
                "depends_on:\n      redis:\n        condition: service_started\n      db:\n        condition: service_started"))) {
            p.piko("share", "redis").ok();
            p.piko("create", "dep").ok();
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("dep")));
            assertTrue(redisFrom(web(p, "dep"), "PING").contains("PONG"));
            p.piko("down", "dep").ok();
            p.piko("up", "dep").ok();
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("dep")), "up must not start a redis here");
        }
    }

    @Test
    void sharingAnUnknownServiceOrOneWithUnsharedDependenciesIsRefusedAndPikoYamlIsTheDeclarationInBothDirections()
            throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            Run unknownService = p.piko("share", "postgres").fails("no service 'postgres'");
            assertTrue(unknownService.err().contains("db, redis, web"), unknownService.describe());
            Run deps = p.piko("share", "web").fails("web depends on db, redis, which are not shared");
            assertTrue(deps.err().contains("hint: share db and redis first"), deps.describe());
            assertFalse(Files.readString(p.root.resolve("piko.yaml")).contains("shared"));
            assertTrue(p.piko("shared").ok().err().contains("No shared services"));

            p.pikoYaml("# teammates share redis\nshared:\n  - redis\n  - jaeger\n");
            Run unknown = p.piko("list");
            assertEquals(1, unknown.code(), unknown.describe());
            assertEquals("error: piko.yaml shares jaeger, which is not a service of compose.yaml\nhint: the services of"
                    + " compose.yaml: db, redis, web; fix shared: in " + p.root.resolve("piko.yaml") + ", or: piko isolate jaeger\n",
                    unknown.err());
            assertEquals(Set.of(), ProjectLockIT.sharedInState(p), "nothing marked shared while piko.yaml names an unknown one");
            p.pikoYaml("# teammates share redis\nshared:\n  - redis\n");
            Run list = p.piko("list").ok();
            assertTrue(list.err().contains("redis is now shared (listed in piko.yaml)"), list.describe());
            Run pulled = p.piko("create", "pulled").ok();
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("pulled")));
            assertEquals(Set.of("redis"), runningServices("piko-" + p.name + "-shared"));
            p.piko("destroy", "pulled").ok();

            p.pikoYaml("# teammates share nothing\n");
            Run sync = p.piko("shared").ok();
            assertTrue(sync.err().contains("redis is no longer shared (not in piko.yaml)"), sync.describe());
            assertEquals(Set.of(), runningServices("piko-" + p.name + "-shared"), "unused instance stops");

            p.piko("share", "redis").ok();
            String yaml = Files.readString(p.root.resolve("piko.yaml"));
            assertTrue(yaml.startsWith("ports:\n  base: " + p.portBase + "\n# teammates share nothing\n"), yaml);
            assertTrue(yaml.endsWith("shared:\n  - redis\n"), yaml);
        }
    }

    @Test
    void anEnvironmentCreatedBeforeSharingKeepsItsOwnCopyAndDownSharedStopsSharedInstancesAndKeepsTheirVolumesUnlessAsked()
            throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            p.piko("create", "early").ok();
            p.piko("share", "redis").ok();
            p.piko("up", "early").ok();
            assertEquals(Set.of("web", "db", "redis"), runningServices(p.composeProject("early")));
            String status = p.piko("status", "early").ok().out();
            assertTrue(status.contains("own copy: redis was shared after this environment was created"), status);

            p.piko("create", "d").ok();
            String sharedProject = "piko-" + p.name + "-shared";
            p.piko("down", "--shared").ok();
            assertEquals(Set.of(), runningServices(sharedProject));
            assertEquals(List.of(sharedProject + "_data"), DockerOracle.volumesOfProject(sharedProject));
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("d")), "environments keep running");
            assertEquals(Set.of("web", "db", "redis"), runningServices(p.composeProject("early")), "and so does an own copy");
            // the shared network is gone with the instance: piko shared names no network that does not exist
            assertFalse(DockerOracle.networkExists(sharedProject));
            String listed = p.piko("shared").ok().out();
            assertFalse(listed.contains(sharedProject + " ") || listed.contains(sharedProject + "\n"), listed);
            assertTrue(p.piko("shared", "--json").ok().out().contains("\"network\": null"));
            p.piko("up", "d").ok();
            assertTrue(redisFrom(web(p, "d"), "PING").contains("PONG"), "up brings the shared instance back");
            p.piko("down", "--shared", "--volumes").ok();
            assertEquals(List.of(), DockerOracle.volumesOfProject(sharedProject));
        }
    }
}
