package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import piko.error.PikoException;
import piko.model.Environment;

/** create stopped by a signal (undone on its own thread) or killed (undone later by destroy, from the journal). */
class InterruptedCreateFlowTest {
    private static final String SHARED_REDIS_WITH_SETUP = "shared: [redis]\nscripts:\n  setup: ./setup.sh\n";

    @TempDir
    Path root;

    @AfterEach
    void clearInterruption() {
        Thread.interrupted();
    }

    private static void assertNothingOfE1(FlowFixture f) {
        assertTrue(f.workspace().store().environment("e1").isEmpty(), "state forgets e1");
        assertFalse(f.git.branches.contains("e1"), "the branch create made is deleted");
        assertEquals(Set.of(), f.git.worktrees);
        assertFalse(Files.exists(f.root.resolve(".piko/worktrees/e1")));
        assertFalse(f.docker.projects.containsKey("piko-demo-e1"), f.docker.calls.toString());
        f.docker.attached.values().forEach(nets -> assertFalse(nets.contains("piko-demo-e1"), f.docker.attached.toString()));
        assertTrue(f.docker.calls.contains("down piko-demo-e1"), "containers and network removed: " + f.docker.calls);
        assertFalse(f.docker.volumes.keySet().stream().anyMatch(v -> v.startsWith("piko-demo-e1_")), "the volumes it made: " + f.docker.volumes);
    }

    /** The signal interrupts the thread inside a docker call; the undo's docker and git calls still run. */
    @ParameterizedTest
    @ValueSource(strings = {"config", "up", "connect"})
    void aSignalDuringDockerWorkUndoesEverything(String op) throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            // the first config is create's check of the files the services need, before it makes anything
            f.docker.onCall(op, op.equals("config") ? 2 : 1, () -> f.cancellation.signal("INT"));
            assertThrows(PikoException.class, () -> f.environments().create("e1", null));
            assertNothingOfE1(f);
            assertEquals(List.of("interrupted (SIGINT); undoing what create made"), f.warnings);
        }
    }

    /** Ctrl-C reaches the setup script too, which may end normally before piko sees the signal. */
    @Test
    void aSignalWhoseScriptEndedNormallyStillUndoes() throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            f.duringScript = () -> {
                f.cancellation.signal("TERM");
                Thread.interrupted();  // the script returned before the interruption was seen
            };
            assertThrows(PikoException.class, () -> f.environments().create("e1", null));
            assertNothingOfE1(f);
            assertEquals(List.of("interrupted (SIGTERM); undoing what create made"), f.warnings);
        }
    }

    /** Killed at each step: the environment stays (unfinished), and destroy removes all create made. */
    @ParameterizedTest
    @ValueSource(strings = {"config", "up", "connect"})
    void destroyRemovesWhatAKilledCreateMade(String op) throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            // the first config is create's check of the files the services need, before it makes anything
            f.docker.crashing(op, op.equals("config") ? 2 : 1);
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", null));
            f.docker.crashing(null);
            Environment left = f.workspace().store().environment("e1").orElseThrow();
            assertEquals(Environment.CREATING, left.phase());
            assertTrue(f.git.branches.contains("e1"));
            assertEquals(List.of(CreateStep.WORKTREE.journalName, CreateStep.COMPOSE.journalName),
                    f.workspace().store().createSteps("e1").subList(0, 2));

            f.reload();
            f.environments().destroy("e1", true, false);
            assertNothingOfE1(f);
            assertTrue(f.done.contains("Destroyed e1 (its create had not finished)"), f.done.toString());

            f.environments().create("e1", null);
            assertEquals(Environment.READY, f.workspace().store().environment("e1").orElseThrow().phase());
        }
    }

    /**
     * Killed after its containers started, then worked in: destroy keeps the user's work as for any
     * environment (refuses while the worktree holds changes, keeps the volumes without --volumes,
     * keeps a branch with commits of its own), and --force names what it throws away.
     */
    @Test
    void destroyOfAKilledCreateKeepsTheWorkDoneInIt() throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            f.docker.crashing("connect");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", null));
            f.docker.crashing(null);
            f.reload();
            Path worktree = f.root.resolve(".piko/worktrees/e1");
            Files.writeString(worktree.resolve("notes.txt"), "mine\n");
            Files.writeString(worktree.resolve("compose.yaml"), "services: {web: {}}\n");
            f.git.commitIn(worktree, "57dff5d");

            PikoException refused = assertThrows(PikoException.class, () -> f.environments().destroy("e1", false, false));
            assertEquals("the worktree of e1 has uncommitted changes (2): M compose.yaml; ?? notes.txt", refused.getMessage());
            assertTrue(Files.isDirectory(f.root.resolve(".piko/worktrees/e1")));
            assertTrue(f.workspace().store().environment("e1").isPresent());
            assertFalse(f.docker.calls.stream().anyMatch(c -> c.startsWith("down")), f.docker.calls.toString());

            f.environments().destroy("e1", false, true);
            assertTrue(f.warnings.contains("--force: discarding the uncommitted changes in " + f.root.resolve(".piko/worktrees/e1")
                    + " (2): M compose.yaml; ?? notes.txt"), f.warnings.toString());
            assertTrue(f.docker.calls.contains("down piko-demo-e1"), "volumes kept: " + f.docker.calls);
            assertFalse(f.docker.calls.contains("down piko-demo-e1 volumes"), f.docker.calls.toString());
            assertTrue(f.git.branches.contains("e1"), "the branch holds a commit no other branch has");
            assertTrue(f.warnings.contains("kept branch e1: 1 commit is on no other branch (57dff5d); delete it with: git branch -D e1"),
                    f.warnings.toString());
            assertTrue(f.done.contains("Removed worktree .piko/worktrees/e1 (branch e1 kept)"), f.done.toString());
            assertTrue(f.workspace().store().environment("e1").isEmpty());
        }
    }
}
