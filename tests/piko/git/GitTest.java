package piko.git;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;
import piko.exec.RecordingRunner;

/** Git's answers: "no such branch" is one exact answer; every other failure is reported, not read as absent. */
class GitTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void aQuietExitOneMeansNoSuchBranch() {
        assertFalse(new Git(new RecordingRunner(1, "", "")).branchExists(REPO, "b"));
        assertTrue(new Git(new RecordingRunner(0, "", "")).branchExists(REPO, "b"));
    }

    @Test
    void anyOtherFailureOfTheBranchCheckIsReported() {
        PikoException e = assertThrows(PikoException.class, () -> new Git(new RecordingRunner(128, "",
                "fatal: not a git repository\n")).branchExists(REPO, "b"));
        assertTrue(e.getMessage().contains("cannot check branch b") && e.getMessage().contains("not a git repository"),
                e.getMessage());
    }

    @Test
    void aFailedPruneIsReported() {
        PikoException e = assertThrows(PikoException.class, () -> new Git(new RecordingRunner(128, "",
                "fatal: unable to write\n")).pruneWorktrees(REPO));
        assertTrue(e.getMessage().startsWith("git worktree prune failed"), e.getMessage());
    }
}
