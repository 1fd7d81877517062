package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages that point the right way: what piko.yaml gets wrong, and what the user must change. */
class MessagesIT extends DockerRequired {
    @Test
    void anUnknownSharedServiceIsAnErrorAndDownAndDestroyNeedOnlyTheState() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "e1", "-q").ok();
            p.pikoYaml("shared: [nosuch]\n");
            Run list = p.piko("list");
            assertEquals(1, list.code(), list.describe());
            assertEquals("error: piko.yaml shares nosuch, which is not a service of compose.yaml\n"
                    + "hint: the services of compose.yaml: redis, web; fix shared: in " + p.root.resolve("piko.yaml") + "\n",
                    list.err(), list.describe());
            assertEquals(java.util.Set.of(), ProjectLockIT.sharedInState(p), "nothing was marked shared");

            Run down = p.piko("down", "e1", "-q").ok();
            assertEquals("warning: piko.yaml shares nosuch, which is not a service of compose.yaml; down goes on with the"
                    + " shared services as the state has them\n", down.err(), down.describe());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")).stream()
                    .filter(c -> "running".equals(c.getState())).toList(), "down stopped e1");

            p.pikoYaml("shared: [redis\n");
            Run destroy = p.piko("destroy", "e1", "-q").ok();
            String warning = destroy.err().lines().findFirst().orElse("");
            assertTrue(warning.startsWith("warning: " + p.root.resolve("piko.yaml") + ": invalid YAML: ")
                    && warning.endsWith("; destroy goes on with the state alone, without piko.yaml's settings"
                    + " (scripts.destroy is not run)"), destroy.describe());
            assertEquals(1, destroy.err().lines().count(), destroy.describe());
            assertFalse(Files.exists(p.worktree("e1")));
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")));
            assertFalse(DockerOracle.networkExists(p.composeProject("e1")));
            p.piko("list").fails("invalid YAML");  // every other command still refuses it
            p.pikoYaml("");
            assertTrue(p.piko("list").ok().err().contains("No environments yet"), "the state forgot e1");
        }
    }

    @Test
    void aRenamedServiceIsNamedAtUpWithTheVariablesThatWentAndCame() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "e1", "-q").ok();
            int web = CreateIT.port(p, "e1", "PIKO_WEB_PORT");
            java.nio.file.Path compose = p.worktree("e1").resolve("compose.yaml");
            Files.writeString(compose, Files.readString(compose).replace("  web:", "  api:"));

            Run up = p.piko("up", "e1").ok();
            int api = CreateIT.port(p, "e1", "PIKO_API_PORT");
            assertTrue(up.err().contains("warning: web is no longer a service of e1 (its compose files or COMPOSE_PROFILES"
                    + " changed): PIKO_WEB_PORT=" + web + " is gone\n"), up.describe());
            assertTrue(up.err().contains("\napi is a new service of e1: PIKO_API_PORT=" + api + "\n"), up.describe());
            assertFalse(p.piko("env", "e1").ok().out().contains("PIKO_WEB_PORT"));
            assertEquals(java.util.Set.of("api", "redis"), CreateIT.runningServices(p.composeProject("e1")));
            assertFalse(p.piko("up", "e1").ok().err().contains("service of e1"), "said once, when it changed");
        }
    }

    @Test
    void aValueNamingAPublishedPortOnLocalhostIsNamedWithTheVariableToUse() throws Exception {
        try (TestProject p = TestProject.initialised("""
                services:
                  broker:
                    image: piko-test/busybox:1
                    command: ["httpd", "-f", "-p", "9092", "-h", "/tmp"]
                    stop_grace_period: 1s
                    ports: ["9092"]
                    environment:
                      ADVERTISED: PLAINTEXT://localhost:9092
                      FOLLOWS: PLAINTEXT://localhost:${PIKO_BROKER_PORT:-9092}
                      INSIDE: PLAINTEXT://broker:9092
                """)) {
            Run create = p.piko("create", "e1", "-q").ok();
            int broker = CreateIT.port(p, "e1", "PIKO_BROKER_PORT");
            String warning = "warning: broker's ADVERTISED (PLAINTEXT://localhost:9092) names localhost:9092, but broker's port"
                    + " 9092 is published as " + broker + " here: write localhost:${PIKO_BROKER_PORT:-9092}, which piko sets"
                    + " for compose\n";
            assertEquals(warning, create.err(), create.describe());
            String env = TestProject.docker("inspect", "-f", "{{json .Config.Env}}", p.composeProject("e1") + "-broker-1").out();
            assertTrue(env.contains("\"FOLLOWS=PLAINTEXT://localhost:" + broker + "\""), "compose got the variable: " + env);
            assertEquals(warning, p.piko("up", "e1", "-q").ok().err(), "up says it again");
        }
    }
}
