package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CreateIT extends DockerRequired {
    static Set<String> runningServices(String composeProject) {
        return DockerOracle.containers("com.docker.compose.project", composeProject).stream()
                .filter(c -> "running".equals(c.getState()))
                .map(c -> c.getLabels().get("com.docker.compose.service")).collect(Collectors.toSet());
    }

    /** Sends one redis command to localhost:port and returns the reply line. */
    static String redis(int port, String... words) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            StringBuilder cmd = new StringBuilder("*" + words.length + "\r\n");
            for (String w : words) cmd.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line.startsWith("$") && !line.equals("$-1")) return in.readLine();
            return line.startsWith("+") ? line.substring(1) : line;
        }
    }

    static int port(TestProject p, String env, String variable) {
        String line = p.piko("env", env).ok().out().lines().filter(l -> l.startsWith("export " + variable + "="))
                .findFirst().orElseThrow(() -> new AssertionError(variable + " not in piko env " + env));
        return Integer.parseInt(line.replaceAll(".*='(\\d+)'", "$1"));
    }

    @Test
    void createsWorktreeOverrideAndRunningContainersOnPlannedPorts() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "feature-a").ok();
            assertTrue(Files.isRegularFile(p.worktree("feature-a").resolve("compose.yaml")));
            assertTrue(Files.isRegularFile(p.worktree("feature-a").resolve("docker-compose.piko.yml")));
            assertEquals("feature-a", p.git("-C", p.worktree("feature-a").toString(), "branch", "--show-current").strip());
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("feature-a")));
            // slot 1 of the project's base, block 100: each port at its target's last two digits
            assertEquals(p.planned(1, 6379), port(p, "feature-a", "PIKO_REDIS_PORT"));
            assertEquals(p.planned(1, 8080), port(p, "feature-a", "PIKO_WEB_PORT"));
            assertEquals("PONG", redis(p.planned(1, 6379), "PING"));
            assertTrue(DockerOracle.networkExists(p.composeProject("feature-a")));
            List<Container> labelled = DockerOracle.containers("dev.piko.environment", "feature-a");
            assertEquals(2, labelled.stream().filter(c -> p.name.equals(c.getLabels().get("dev.piko.project"))).count());
        }
    }

    @Test
    void environmentsAreIsolatedInPortsNetworksVolumesAndFixedContainerNames() throws Exception {
        String compose = TestProject.WEB_AND_REDIS.replace("    image: piko-test/redis:1\n",
                "    image: piko-test/redis:1\n    container_name: the-redis\n");
        try (TestProject p = TestProject.initialised(compose)) {
            p.piko("create", "one").ok();
            p.piko("create", "two").ok();
            int one = port(p, "one", "PIKO_REDIS_PORT");
            int two = port(p, "two", "PIKO_REDIS_PORT");
            assertNotEquals(one, two);
            assertEquals("OK", redis(one, "SET", "who", "one"));
            assertEquals("$-1", redis(two, "GET", "who"));
            assertEquals("one", redis(one, "GET", "who"));
            Set<String> names = DockerOracle.containers("dev.piko.project", p.name).stream()
                    .map(c -> c.getNames()[0]).collect(Collectors.toSet());
            assertTrue(names.contains("/piko-" + p.name + "-one-the-redis"), names.toString());
            assertTrue(names.contains("/piko-" + p.name + "-two-the-redis"), names.toString());
            // the fixed name still resolves inside each environment, to that environment's redis
            Run ping = TestProject.docker("exec", "piko-" + p.name + "-one-web-1", "sh", "-c",
                    "echo PING | nc -w 2 the-redis 6379");
            assertTrue(ping.out().contains("PONG"), ping.describe());
            assertTrue(DockerOracle.volumesOfProject(p.composeProject("one")).contains(p.composeProject("one") + "_data"));
            assertTrue(DockerOracle.volumesOfProject(p.composeProject("two")).contains(p.composeProject("two") + "_data"));
        }
    }

    @Test
    void worksWithoutPikoYamlOnTheDefaultPorts() throws Exception {
        try (TestProject p = TestProject.gitRepo()) {
            p.write("compose.yaml", TestProject.WEB_AND_REDIS);
            p.commit("compose only");
            p.piko("init").ok();
            p.piko("create", "plain").ok();
            int redisPort = port(p, "plain", "PIKO_REDIS_PORT");
            assertTrue(redisPort >= 10100 && redisPort < 10200, "default base 10000, block 100, slot 1: " + redisPort);
            assertEquals("PONG", redis(redisPort, "PING"));
        }
    }

    @Test
    void failsWhenNotInitialised() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "a").fails("not a piko project");
        }
    }

    @Test
    void anExistingNameIsAnErrorThatSuggestsDestroy() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "dup").ok();
            Run r = p.piko("create", "dup").fails("already exists");
            assertTrue(r.err().contains("piko destroy dup"), r.describe());
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("dup")));
        }
    }

    @Test
    void checksOutAnExistingBranch() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.git("branch", "topic");
            p.piko("create", "t", "--branch", "topic").ok();
            assertEquals("topic", p.git("-C", p.worktree("t").toString(), "branch", "--show-current").strip());
            p.piko("create", "u", "--branch", "no-such-branch").fails("does not exist");
            Run taken = p.piko("create", "topic");  // as after a destroy, which keeps the branch
            assertEquals(1, taken.code(), taken.describe());
            assertEquals("error: branch 'topic' already exists (destroy keeps an environment's branch)\n"
                    + "hint: to use it: piko create topic --branch topic; for a new branch, choose another name\n", taken.err(),
                    "said before anything is made, so nothing to undo: " + taken.describe());
            assertFalse(Files.exists(p.worktree("topic")));
            assertTrue(p.piko("list").ok().out().lines().noneMatch(l -> l.startsWith("topic ")), "no trace in the state");
        }
    }

    @Test
    void setupScriptRunsInTheWorktreeAfterTheContainersStart() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.pikoYaml("""
                    scripts:
                      setup: |
                        docker compose -p "$PIKO_COMPOSE_PROJECT" ps --status running --services | sort > running.txt
                        echo "$PIKO_ENV_NAME $PIKO_REDIS_PORT" > vars.txt
                    """);
            p.commit("piko.yaml");
            p.piko("init").ok();
            p.piko("create", "s").ok();
            assertEquals("redis\nweb\n", Files.readString(p.worktree("s").resolve("running.txt")));
            assertEquals("s " + p.planned(1, 6379) + "\n", Files.readString(p.worktree("s").resolve("vars.txt")));
        }
    }

    @Test
    void aFailingSetupScriptRollsEverythingBack() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.pikoYaml("scripts:\n  setup: echo migrating; echo broken >&2; exit 7\n");
            p.commit("piko.yaml");
            p.piko("init").ok();
            Run r = p.piko("create", "bad").fails("setup script failed with exit code 7");
            assertTrue(r.err().contains("broken"), r.describe());
            assertNothingLeftOf(p, "bad");
            p.piko("create", "bad2").fails("setup script failed");
        }
    }

    @Test
    void aComposeFailureRollsEverythingBackAndShowsComposesOutput() throws Exception {
        String compose = TestProject.WEB_AND_REDIS.replace("image: piko-test/busybox:1", "image: piko-test/absent:1");
        try (TestProject p = TestProject.initialised(compose)) {
            Run r = p.piko("create", "broken").fails("starting piko-" + p.name + "-broken failed");
            assertTrue(r.err().contains("Error response from daemon"), r.describe());
            assertNothingLeftOf(p, "broken");
        }
    }

    static void assertNothingLeftOf(TestProject p, String env) {
        assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject(env)));
        assertFalse(DockerOracle.networkExists(p.composeProject(env)), "network left behind");
        assertEquals(List.of(), DockerOracle.volumesOfProject(p.composeProject(env)), "volumes left behind");
        assertFalse(Files.exists(p.worktree(env)), "worktree left behind");
        assertFalse(p.git("branch", "--list", env).contains(env), "branch left behind");
        assertFalse(p.git("worktree", "list").contains(p.worktree(env).toString()), "worktree still registered");
        assertTrue(p.piko("list").ok().err().contains("No environments"), "state row left behind");
    }
}
