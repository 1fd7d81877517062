package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;

/** destroy's refusals: work in the worktree (changed, deleted or new files) is never thrown away unasked. */
class RemovingFlowTest {
    @TempDir
    Path root;

    private static Path worktree(FlowFixture f) {
        return f.root.resolve(".piko/worktrees/e1");
    }

    /** destroy e1 refused with this list of work, leaving the environment whole. */
    private static void refused(FlowFixture f, int count, String work) {
        PikoException e = assertThrows(PikoException.class, () -> f.environments().destroy("e1", true, false));
        assertEquals("the worktree of e1 has uncommitted changes (" + count + "): " + work, e.getMessage());
        assertEquals("commit or stash them, or pass --force to discard them", e.hint());
        assertTrue(Files.isDirectory(worktree(f)));
        assertTrue(f.workspace().store().environment("e1").isPresent());
        assertEquals(Set.of("redis", "web"), f.docker.projects.get("piko-demo-e1"));
        assertTrue(f.docker.volumes.containsKey("piko-demo-e1_data"), "--volumes refused as well");
        assertFalse(f.docker.calls.stream().anyMatch(c -> c.startsWith("down")), f.docker.calls.toString());
    }

    @Test
    void aChangedFileStopsDestroyAndForceDiscardsIt() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            Files.writeString(worktree(f).resolve("compose.yaml"), "services: {web: {}}\n");
            refused(f, 1, "M compose.yaml");
            f.environments().destroy("e1", false, true);
            assertTrue(f.warnings.contains("--force: discarding the uncommitted changes in " + worktree(f) + " (1): M compose.yaml"),
                    f.warnings.toString());
            assertFalse(Files.exists(worktree(f)));
            assertTrue(f.workspace().store().environment("e1").isEmpty());
            assertTrue(f.git.branches.contains("e1"), "destroy keeps the branch");
        }
    }

    @Test
    void anUntrackedOrDeletedFileStopsDestroy() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            Files.writeString(worktree(f).resolve("notes.txt"), "mine\n");
            refused(f, 1, "?? notes.txt");
            Files.delete(worktree(f).resolve("compose.yaml"));
            refused(f, 2, "D compose.yaml; ?? notes.txt");
        }
    }

    @Test
    void theOverrideFileAndUnchangedCopiesAreNotTheUsersWork() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            assertTrue(Files.isRegularFile(worktree(f).resolve(OverrideFile.NAME)));
            f.environments().destroy("e1", false, false);
            assertFalse(Files.exists(worktree(f)));
            assertEquals(java.util.List.of(), f.warnings);
        }
    }

    @Test
    void aBranchAnUnfinishedCreateMadeGoesOnlyWhenItHoldsNoCommitOfItsOwn() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.crashing("up");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", null));
            f.docker.crashing(null);
            f.reload();
            f.environments().destroy("e1", false, false);
            assertFalse(f.git.branches.contains("e1"), "made by create, nothing of its own: deleted");

            f.docker.crashing("up");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", null));
            f.docker.crashing(null);
            f.reload();
            f.git.commitIn(worktree(f), "57dff5d");
            f.environments().destroy("e1", false, false);
            assertTrue(f.git.branches.contains("e1"), "a commit no other branch has: kept");
            assertTrue(f.warnings.contains("kept branch e1: 1 commit is on no other branch (57dff5d); delete it with: git branch -D e1"),
                    f.warnings.toString());
        }
    }
}
