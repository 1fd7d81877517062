package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names from the user (branches, services) reach git and compose as arguments, never as options. */
class ArgumentsIT extends DockerRequired {
    private static final String DASHED_SERVICE = """
            services:
              "--dry-run":
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080"]
                stop_grace_period: 1s
                ports: ["8080"]
            """;

    @Test
    void aBranchNamedLikeAnOptionIsRefusedAndNothingIsMade() throws Exception {
        try (TestProject p = TestProject.initialised(DASHED_SERVICE)) {
            Run r = p.piko("create", "e1", "--branch=--detach").fails("invalid branch name '--detach'");
            assertEquals(2, r.code(), r::describe);
            assertFalse(Files.exists(p.worktree("e1")));
            assertEquals(1, p.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).count());
            assertTrue(p.piko("list").ok().err().contains("No environments"));
        }
    }

    @Test
    void aServiceNamedLikeAnOptionIsStartedRestartedAndReached() throws Exception {
        try (TestProject p = TestProject.initialised(DASHED_SERVICE)) {
            p.piko("create", "e1").ok();
            assertEquals(List.of("running"), states(p));  // not a compose dry run
            assertEquals("hi\n", p.piko("exec", "e1", "--dry-run", "--", "echo", "hi").ok().out());
            p.piko("restart", "e1", "--", "--dry-run").ok();
            assertEquals(List.of("running"), states(p));
            p.piko("logs", "e1", "--", "--dry-run").ok();
            p.piko("down", "e1").ok();
            p.piko("up", "e1").ok();
            assertEquals(List.of("running"), states(p));
            p.piko("destroy", "e1").ok();
            assertEquals(List.of(), states(p));
        }
    }

    private static List<String> states(TestProject p) {
        return DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")).stream()
                .filter(c -> "--dry-run".equals(c.getLabels().get("com.docker.compose.service")))
                .map(Container::getState).toList();
    }
}
