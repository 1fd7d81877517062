package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** logs, exec and compose act on the environment's own containers, or on a shared service's instance. */
class PassthroughIT extends DockerRequired {
    /** web prints a line naming its environment when it starts. */
    static final String APP = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo started-in-${PIKO_ENV_NAME:-none}; exec httpd -f -p 8080 -h /tmp"]
                ports: ["8080"]
                stop_grace_period: 1s
              redis:
                image: piko-test/redis:1
                ports: ["6379"]
                stop_grace_period: 1s
            """;

    static String containerId(String composeProject, String service) {
        return DockerOracle.containers("com.docker.compose.project", composeProject).stream()
                .filter(c -> service.equals(c.getLabels().get("com.docker.compose.service")))
                .findFirst().orElseThrow().getId();
    }

    @Test
    void logsExecAndComposeReachTheEnvironmentsContainers() throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            p.piko("create", "a").ok();
            p.piko("create", "b").ok();
            Run logs = p.piko("logs", "a", "web").ok();
            assertTrue(logs.out().contains("started-in-a"), logs.describe());
            assertTrue(!logs.out().contains("started-in-b"), logs.describe());
            Run inWorktree = p.pikoAt(p.worktree("b"), Map.of(), "logs", "--tail", "5").ok();
            assertTrue(inWorktree.out().contains("started-in-b"), inWorktree.describe());

            Run exec = p.piko("exec", "a", "web", "--", "sh", "-c", "echo $HOSTNAME; exit 7");
            assertEquals(7, exec.code(), exec.describe());
            String id = containerId(p.composeProject("a"), "web");
            assertTrue(id.startsWith(exec.out().strip()) && exec.out().strip().length() >= 12, exec.describe());
            Run noDash = p.pikoAt(p.worktree("b"), Map.of(), "exec", "web", "cat", "/proc/1/cmdline").ok();
            assertTrue(noDash.out().startsWith("httpd"), noDash.describe());

            Run ps = p.piko("compose", "b", "--", "ps", "--format", "{{.Name}}").ok();
            assertEquals(Set.of(p.composeProject("b") + "-web-1", p.composeProject("b") + "-redis-1"),
                    ps.out().lines().collect(Collectors.toSet()), ps.describe());
            Run psHere = p.pikoAt(p.worktree("a"), Map.of(), "compose", "ps", "--services").ok();
            assertEquals(Set.of("web", "redis"), psHere.out().lines().collect(Collectors.toSet()), psHere.describe());

            p.piko("exec", "a").fails("exec needs a service and a command");
            p.piko("logs", "nope").fails("which environment");
        }
    }

    @Test
    void aSharedServiceIsReachedInItsSharedInstanceAndPikoSaysSo() throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            p.piko("share", "redis").ok();
            p.piko("create", "s").ok();
            Run exec = p.piko("exec", "s", "redis", "--", "sh", "-c", "echo $HOSTNAME").ok();
            String sharedId = containerId("piko-" + p.name + "-shared", "redis");
            assertTrue(sharedId.startsWith(exec.out().strip()), exec.describe());
            assertTrue(exec.err().contains("redis is shared: acting on the shared instance"), exec.describe());
            Run atRoot = p.piko("logs", "redis", "--tail", "20").ok();
            assertTrue(atRoot.out().contains("Ready to accept connections"), atRoot.describe());
            Run ps = p.piko("compose", "shared", "--", "ps", "--format", "{{.Name}}").ok();
            assertEquals("piko-" + p.name + "-shared-redis-1", ps.out().strip(), ps.describe());
        }
    }
}
