package piko.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import piko.error.PikoException;

class BranchNameTest {
    @Test
    void aNameStartingWithADashIsRefusedAsAUsageError() {
        assertEquals("feature/x", Git.requireBranchName("feature/x"));
        for (String bad : new String[] {"--detach", "-b", ""}) {
            PikoException e = assertThrows(PikoException.class, () -> Git.requireBranchName(bad));
            assertEquals(2, e.exitCode());
        }
    }

    @Test
    void commitsOnlyOnABranchAreThoseNoOtherBranchHas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path repo) {
        Git git = new Git(new piko.exec.ProcessRunner());
        run(repo, "git", "init", "-q", "-b", "main");
        run(repo, "git", "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
        run(repo, "git", "branch", "fresh");
        assertEquals(java.util.List.of(), git.commitsOnlyOn(repo, "fresh"), "made from main: nothing of its own");
        run(repo, "git", "checkout", "-q", "-b", "worked");
        run(repo, "git", "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "work");
        run(repo, "git", "checkout", "-q", "main");
        assertEquals(1, git.commitsOnlyOn(repo, "worked").size());
        run(repo, "git", "branch", "backup", "worked");
        assertEquals(java.util.List.of(), git.commitsOnlyOn(repo, "worked"), "on another branch too: deleting loses nothing");
    }

    private static void run(java.nio.file.Path dir, String... cmd) {
        piko.exec.ProcessRunner.Result r = new piko.exec.ProcessRunner().run(
                piko.exec.ProcessRunner.Call.of(java.time.Duration.ofSeconds(30), java.util.List.of(cmd)).in(dir));
        assertEquals(0, r.exitCode(), r.output());
    }
}
