package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16.2: a project folder moved with its .piko, and one worktree moved with git worktree move. */
class MoveIT extends DockerRequired {
    private static void mv(Path from, Path to) {
        Run r = TestProject.exec(Path.of("/"), Map.of(), List.of("mv", from.toString(), to.toString()));
        assertEquals(0, r.code(), r::describe);
    }

    @Test
    void aMovedProjectFolderIsRecognisedAndItsWorktreesRepaired() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "e1").ok();
            Files.writeString(p.worktree("e1").resolve("work.txt"), "unsaved");
            Path moved = p.root.resolveSibling(p.root.getFileName() + "-moved");
            mv(p.root, moved);
            try {
                Run list = p.pikoAt(moved, Map.of(), "list").ok();
                assertTrue(list.err().contains("piko: this project moved from " + p.root + " to " + moved), list.describe());
                assertTrue(list.out().lines().anyMatch(l -> l.startsWith("e1 ")), list.describe());
                Path worktree = moved.resolve(".piko/worktrees/e1");
                Run env = p.pikoAt(moved, Map.of(), "env", "e1").ok();
                assertTrue(env.out().contains("PIKO_ENV_PATH='" + worktree + "'"), env.describe());
                assertTrue(TestProject.git(moved, "worktree", "list").contains(worktree.toString()));
                assertTrue(TestProject.git(worktree, "status", "--porcelain").contains("work.txt"), "git works in the worktree");

                Run fix = p.pikoAt(moved, Map.of(), "doctor", "--fix");
                assertFalse(Files.exists(p.root), "nothing made at the old place: " + fix.describe());
                p.pikoAt(moved, Map.of(), "up", "e1").ok();
                assertEquals(2, CreateIT.runningServices(p.composeProject("e1")).size());
                assertEquals("unsaved", Files.readString(worktree.resolve("work.txt")));
                Run again = p.pikoAt(moved, Map.of(), "doctor").ok();
                assertFalse(again.err().contains("moved"), "recognised once: " + again.describe());
                p.pikoAt(moved, Map.of(), "destroy", "e1", "--force", "--volumes").ok();
                assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")));
            } finally {
                if (Files.exists(moved)) {
                    mv(moved, p.root);
                }
            }
        }
    }

    @Test
    void doctorFindsAWorktreeMovedWithGitAndMovesItBack() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "e1").ok();
            Path elsewhere = p.root.resolve("elsewhere-e1");
            p.git("worktree", "move", p.worktree("e1").toString(), elsewhere.toString());
            Run doctor = p.piko("doctor");
            assertEquals(1, doctor.code(), doctor.describe());
            assertTrue(doctor.out().contains("e1: its worktree was moved to " + elsewhere + " (git worktree move)"), doctor.describe());
            Run fix = p.piko("doctor", "--fix");
            assertEquals(0, fix.code(), fix.describe());
            assertFalse(fix.err().contains("fatal:"), fix.describe());
            assertTrue(Files.isDirectory(p.worktree("e1")));
            assertFalse(Files.exists(elsewhere));
            assertTrue(p.git("worktree", "list").contains(p.worktree("e1").toString()));
            p.piko("up", "e1").ok();
            p.piko("destroy", "e1", "--volumes").ok();
        }
    }
}
