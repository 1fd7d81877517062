package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import piko.error.PikoException;
import piko.model.Environment;

/** create, destroy and the undo of every step of create, against fakes that fail where told. */
class EnvironmentsFlowTest {
    private static final String SHARED_REDIS_WITH_SETUP = "shared: [redis]\nscripts:\n  setup: ./setup.sh\n";

    @TempDir
    Path root;

    @Test
    void createMakesWorktreeBranchContainersAndLinks() throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            Environment env = f.environments().create("e1", null);
            assertEquals(Environment.READY, env.phase());
            assertEquals(List.of("web"), env.services());
            assertTrue(f.git.branches.contains("e1"));
            assertEquals(Set.of(root.resolve(".piko/worktrees/e1")), f.git.worktrees);
            assertEquals(Set.of("web"), f.docker.projects.get("piko-demo-e1"));
            assertEquals(Set.of("redis"), f.docker.projects.get("piko-demo-shared"));
            assertTrue(f.docker.attached.get("piko-demo-shared-redis-1").contains("piko-demo-e1"), f.docker.attached.toString());
            assertEquals(1, f.scripts.size());
            assertTrue(Files.isRegularFile(env.path().resolve(OverrideFile.NAME)));
            assertEquals(List.of(), f.warnings);
        }
    }

    /** The first config reads the root's files for the check of needed files; unreadable, it leaves the check to compose. */
    @Test
    void anUnreadableRootModelSkipsTheCheckOfNeededFiles() throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            f.docker.failing("config", 1);
            f.environments().create("e1", null);
            assertEquals(Environment.READY, f.workspace().store().environment("e1").orElseThrow().phase());
            assertEquals(List.of(), f.warnings);
        }
    }

    /**
     * Every place create can fail: what it made is gone (worktree, branch, containers, network,
     * links, state), and every undo succeeded (no warning beyond the announcement).
     */
    @ParameterizedTest(name = "{0} #{1} fails")
    @CsvSource({
            "git addWorktree, 1",
            "docker config, 2",
            "docker config, 3",
            "docker up, 1",
            "docker up, 2",
            "docker connect, 1",
            "docker up, 3",
            "script, 1"})
    void aFailingStepUndoesEveryStepBeforeIt(String where, int nth) throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            String[] w = where.split(" ");
            switch (w[0]) {
                case "git" -> f.git.failing(w[1]);
                case "docker" -> f.docker.failing(w[1], nth);
                default -> f.scriptExitCode = 1;
            }
            assertThrows(PikoException.class, () -> f.environments().create("e1", null));

            assertTrue(f.workspace().store().environment("e1").isEmpty(), "state forgets e1");
            assertFalse(f.git.branches.contains("e1"), "the branch create made is deleted");
            assertEquals(Set.of(), f.git.worktrees);
            assertFalse(Files.exists(root.resolve(".piko/worktrees/e1")));
            assertFalse(f.docker.projects.containsKey("piko-demo-e1"), f.docker.calls.toString());
            f.docker.attached.values().forEach(nets -> assertFalse(nets.contains("piko-demo-e1"), f.docker.attached.toString()));
            assertEquals(List.of("create failed; undoing what it made"), f.warnings);
            assertTrue(f.workspace().store().ports("e1").isEmpty());
            assertTrue(f.workspace().store().consumers().isEmpty());
            assertFalse(f.docker.volumes.containsKey("piko-demo-e1_data"), "the volume this create made goes");
        }
    }

    /**
     * Docker refuses a host port that the probe found free (bound since, or only on [::1]), for the
     * shared redis that create starts first (up #1) or for the environment's own web (up #3): that
     * port is planned anew, recorded, said, and create goes on.
     */
    @ParameterizedTest(name = "docker up #{0} refuses {1}")
    @CsvSource({"1, 10079, redis, 6379", "3, 10180, web, 8080"})
    void createPlansAHostPortDockerRefusesAnew(int nth, int refused, String service, int target) throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.docker.failing("up", nth, "Error response from daemon: driver failed programming external connectivity on"
                    + " endpoint x (0f1e): Error starting userland proxy: listen tcp6 [::]:" + refused + ": bind: address already in use");
            f.environments().create("e1", null);
            int now = refused + 1;
            assertEquals(String.valueOf(now), f.environments().vars("e1").get("PIKO_" + service.toUpperCase() + "_PORT"));
            String whose = service.equals("redis") ? "shared " : "";
            assertTrue(f.done.contains("Host port of " + whose + service + " " + target + "/tcp is now " + now
                    + " (was " + refused + ")"), f.done.toString());
            Path override = service.equals("redis") ? root.resolve(".piko/shared/" + OverrideFile.NAME)
                    : root.resolve(".piko/worktrees/e1/" + OverrideFile.NAME);
            assertTrue(Files.readString(override).contains(String.valueOf(now)));
            assertFalse(Files.readString(override).contains(String.valueOf(refused)));
            assertEquals(Set.of("web"), f.docker.projects.get("piko-demo-e1"));
            assertEquals(Set.of("redis"), f.docker.projects.get("piko-demo-shared"));
            assertEquals(List.of(), f.warnings);
        }
    }

    @Test
    void createOnAnExistingBranchKeepsTheBranchWhenItFails() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.git.branches.add("feature");
            f.docker.failing("up", 1);
            assertThrows(PikoException.class, () -> f.environments().create("e1", "feature"));
            assertTrue(f.git.branches.contains("feature"));
            assertEquals(Set.of(), f.git.worktrees);
            assertTrue(f.workspace().store().environment("e1").isEmpty());
        }
    }

    @Test
    void anExistingBranchNamedLikeTheEnvironmentIsRefusedAndKept() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.git.branches.add("e1");
            PikoException e = assertThrows(PikoException.class, () -> f.environments().create("e1", null));
            assertTrue(e.getMessage().contains("already exists"), e.getMessage());
            assertTrue(f.git.branches.contains("e1"));
            assertTrue(f.workspace().store().environment("e1").isEmpty());
        }
    }

    /** An undo that fails is reported; the undos after it still run. */
    @Test
    void aFailingUndoIsReportedAndTheOthersStillRun() throws Exception {
        try (FlowFixture f = new FlowFixture(root, SHARED_REDIS_WITH_SETUP)) {
            f.scriptExitCode = 1;
            f.docker.failing("disconnect", 1);
            assertThrows(PikoException.class, () -> f.environments().create("e1", null));
            assertTrue(f.warnings.stream().anyMatch(w -> w.startsWith("could not unlink the shared services from e1")),
                    f.warnings.toString());
            assertTrue(f.warnings.stream().anyMatch(w -> w.startsWith("could not remove containers, network, the volumes it made and built images of e1")),
                    f.warnings.toString());
            assertEquals(Set.of(), f.git.worktrees);
            assertFalse(f.git.branches.contains("e1"));
            assertTrue(f.workspace().store().environment("e1").isEmpty());
        }
    }

    @Test
    void destroyUnlinksBeforeRemovingAndStopsTheLastUsersSharedInstance() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            f.environments().create("e2", null);
            f.environments().destroy("e1", true, false);
            assertTrue(f.docker.projects.containsKey("piko-demo-shared"), "e2 still uses redis");
            assertTrue(f.git.branches.contains("e1"), "destroy keeps the branch");
            f.sharedServices().isolate("redis");
            f.environments().destroy("e2", false, false);
            assertEquals(Set.of(), f.docker.projects.getOrDefault("piko-demo-shared", Set.of()));
            assertTrue(f.done.contains("Stopped shared redis (no environment uses it)"), f.done.toString());
            assertEquals(Set.of(), f.git.worktrees);
            assertEquals(List.of(), f.workspace().store().environments());
            assertEquals(List.of(), f.warnings);
        }
    }
}
