package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.port;
import static piko.it.CreateIT.runningServices;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Each test makes one project and checks several commands on it, so that the class costs few creates. */
class LifecycleIT extends DockerRequired {
    @Test
    @SuppressWarnings("unchecked")
    void listWithNoEnvironmentsSaysHowToCreateOneAndShowsRunningStoppedAndPartialEnvironments() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            assertTrue(p.piko("list").ok().err().contains("No environments yet"));
            assertEquals(List.of(), new Yaml().load(p.piko("list", "--json").ok().out()));

            p.piko("create", "a-run").ok();
            p.piko("create", "b-stop").ok();
            p.piko("create", "c-part").ok();
            p.piko("down", "b-stop").ok();
            TestProject.docker("stop", "-t", "1", p.composeProject("c-part") + "-web-1");
            String table = p.piko("list").ok().out();
            assertTrue(table.lines().anyMatch(l -> l.matches("a-run\\s+running\\s+a-run\\s+.*")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("b-stop\\s+stopped\\s+b-stop\\s+.*")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("c-part\\s+partial\\s+c-part\\s+.*")), table);
            List<Map<String, Object>> json = new Yaml().load(p.piko("list", "--json").ok().out());
            assertEquals(List.of("running", "stopped", "partial"), json.stream().map(m -> m.get("status")).toList());
        }
    }

    @Test
    void downIsIdempotentAndKeepsContainersNetworkAndVolumesAndUpStartsItOnTheSamePortsAndIsIdempotent() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "u").ok();
            int before = port(p, "u", "PIKO_REDIS_PORT");
            String id = TestProject.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + p.composeProject("u"),
                    "--filter", "label=com.docker.compose.service=redis").out().strip();
            p.piko("down", "u").ok();
            assertEquals(Set.of(), runningServices(p.composeProject("u")));
            p.piko("down", "u").ok();
            assertEquals(Set.of(), runningServices(p.composeProject("u")));
            assertEquals(2, DockerOracle.containers("com.docker.compose.project", p.composeProject("u")).size());
            assertTrue(DockerOracle.networkExists(p.composeProject("u")));
            assertEquals(List.of(p.composeProject("u") + "_data"), DockerOracle.volumesOfProject(p.composeProject("u")));
            p.piko("down", "nope").fails("no environment named 'nope'");

            p.piko("up", "u").ok();
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("u")));
            assertEquals(before, port(p, "u", "PIKO_REDIS_PORT"));
            assertEquals("PONG", CreateIT.redis(before, "PING"));
            p.piko("up", "u").ok();
            String after = TestProject.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + p.composeProject("u"),
                    "--filter", "label=com.docker.compose.service=redis").out().strip();
            assertEquals(id, after, "up on a running environment must not recreate containers");
        }
    }

    /**
     * One environment, web with a compose healthcheck: status (health, state, ports), env inside
     * the worktree and in a shell, restart of one service or all, and up after the compose file
     * changed, in that order.
     */
    @Test
    @SuppressWarnings("unchecked")
    void statusEnvRestartAndUpAfterTheComposeFileChangedOnOneEnvironment() throws Exception {
        String compose = TestProject.WEB_AND_REDIS.replace("    depends_on: [redis]\n",
                "    depends_on: [redis]\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n"
                        + "      interval: 1s\n      start_period: 0s\n");
        assertTrue(compose.contains("healthcheck"), compose);
        try (TestProject p = TestProject.initialised(compose)) {
            p.piko("create", "st").ok();

            // status reports health from the compose healthcheck
            String health = "";
            for (int i = 0; i < 30 && !health.equals("healthy"); i++) {
                Map<String, Object> json = new Yaml().load(p.piko("status", "st", "--json").ok().out());
                health = ((List<Map<String, Object>>) json.get("services")).stream()
                        .filter(s -> s.get("service").equals("web")).map(s -> (String) s.get("health")).findFirst().orElse("");
                if (!health.equals("healthy")) {
                    Thread.sleep(500);
                }
            }
            assertEquals("healthy", health);
            assertTrue(p.piko("status", "st").ok().out().lines().anyMatch(l -> l.matches("\\s+web\\s+running\\s+healthy.*")));

            // status shows state and ports per service, as list does
            Map<String, Object> json = new Yaml().load(p.piko("status", "st", "--json").ok().out());
            assertEquals("running", json.get("status"));
            List<Map<String, Object>> services = (List<Map<String, Object>>) json.get("services");
            Map<String, Object> redis = services.stream().filter(s -> s.get("service").equals("redis")).findFirst().orElseThrow();
            assertEquals("running", redis.get("state"));
            assertEquals(List.of(Map.of("target", 6379, "protocol", "tcp", "host", p.planned(1, 6379))), redis.get("ports"));
            assertEquals(1, json.get("version"));
            List<Map<String, Object>> list = new Yaml().load(p.piko("list", "--json").ok().out());
            assertEquals(List.of(json), list, "list and status show an environment in the same view");
            String text = p.pikoAt(p.worktree("st"), Map.of(), "status").ok().out();
            assertTrue(text.contains(p.planned(1, 6379) + "->6379/tcp"), text);

            // env works inside a worktree and evaluates in a shell
            String vars = p.pikoAt(p.worktree("st").resolve("."), Map.of(), "env").ok().out();
            Run shell = TestProject.exec(p.root, Map.of(), List.of("sh", "-c",
                    vars + "\necho \"$PIKO_ENV_NAME|$PIKO_BRANCH|$PIKO_REDIS_PORT|$PIKO_WEB_PORT|$PIKO_PROJECT\""));
            assertEquals("st|st|" + p.planned(1, 6379) + "|" + p.planned(1, 8080) + "|" + p.name + "\n", shell.out(), shell.describe());
            Map<String, Object> env = new Yaml().load(p.piko("env", "st", "--json").ok().out());
            assertEquals(1, env.get("version"));
            assertEquals("st", env.get("name"));
            Map<String, Object> variables = (Map<String, Object>) env.get("variables");
            assertEquals(p.worktree("st").toString(), variables.get("PIKO_ENV_PATH"));
            assertEquals(p.root.toString(), variables.get("PIKO_ROOT"));
            p.piko("env").fails("which environment");

            // restart restarts one service or all
            String redisContainer = p.composeProject("st") + "-redis-1";
            String web = p.composeProject("st") + "-web-1";
            String redisStarted = startedAt(redisContainer);
            String webStarted = startedAt(web);
            p.piko("restart", "st", "redis").ok();
            assertNotEquals(redisStarted, startedAt(redisContainer), "redis was not restarted");
            assertEquals(webStarted, startedAt(web), "only redis was to restart");
            p.piko("down", "st").ok();
            assertEquals(Set.of(), runningServices(p.composeProject("st")));
            p.piko("restart", "st").ok();
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("st")), "restart starts stopped services");
            String webAfter = startedAt(web);
            p.piko("restart", "st").ok();
            assertNotEquals(webAfter, startedAt(web), "restart without a service restarts them all");
            p.piko("restart", "st", "nosuch").fails("no service 'nosuch'");

            // up regenerates the override when the compose file changed
            String changed = Files.readString(p.worktree("st").resolve("compose.yaml"));
            Files.writeString(p.worktree("st").resolve("compose.yaml"), changed.replace("services:\n", """
                    services:
                      extra:
                        image: piko-test/busybox:1
                        command: ["httpd", "-f", "-p", "9000"]
                        ports: ["9000"]
                        stop_grace_period: 1s
                    """));
            Run up = p.piko("up", "st").ok();
            assertTrue(up.err().contains("regenerated"), up.describe());
            assertEquals(Set.of("web", "redis", "extra"), runningServices(p.composeProject("st")));
            assertEquals(p.planned(1, 9000), port(p, "st", "PIKO_EXTRA_PORT"));
            assertTrue(Files.readString(p.worktree("st").resolve("docker-compose.piko.yml")).contains("\"extra\""));
        }
    }

    private static String startedAt(String container) {
        return TestProject.docker("inspect", "-f", "{{.State.StartedAt}}", container).ok().out().strip();
    }
}
