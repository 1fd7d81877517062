package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.core.LabelledObjects.Kind;
import piko.error.PikoException;
import piko.model.Labels;

/**
 * Every destructive step proves ownership first: objects of another checkout (another identity)
 * in a compose project piko would act on are named and never removed, adopted or reused.
 */
class OwnershipFlowTest {
    private static final String OTHER = "ffff000000000000";
    private static final String WITH_SETUP = "scripts:\n  setup: ./setup.sh\n";

    @TempDir
    Path root;

    private static boolean downCalled(FlowFixture f, String composeProject) {
        return f.docker.calls.stream().anyMatch(c -> c.startsWith("down " + composeProject)
                || c.startsWith("remove " + composeProject));
    }

    @Test
    void createRefusesAComposeProjectOfAnotherCheckout() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.workspace();
            f.docker.plant(Kind.CONTAINER, "piko-demo-e1-web-1", "piko-demo-e1", OTHER)
                    .plant(Kind.VOLUME, "piko-demo-e1_data", "piko-demo-e1", OTHER);
            PikoException e = assertThrows(PikoException.class, () -> f.environments().create("e1", null));
            assertTrue(e.getMessage().contains("compose project piko-demo-e1 (container piko-demo-e1-web-1, volume piko-demo-e1_data)"
                    + " belongs to another checkout's piko project demo") && e.getMessage().contains("will not reuse"), e.getMessage());
            assertTrue(f.workspace().store().environment("e1").isEmpty());
            assertTrue(f.git.worktrees.isEmpty());
            assertFalse(f.docker.calls.stream().anyMatch(c -> c.startsWith("up ")), f.docker.calls.toString());
            assertEquals(2, f.docker.planted.size());
        }
    }

    @Test
    void destroyRemovesNothingOfAComposeProjectThatHoldsAnotherCheckoutsObjects() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.docker.plant(Kind.CONTAINER, "piko-demo-e1-db-1", "piko-demo-e1", OTHER);
            PikoException e = assertThrows(PikoException.class, () -> f.environments().destroy("e1", true, true));
            assertTrue(e.getMessage().contains("belongs to") && e.getMessage().contains("will not remove"), e.getMessage());
            assertFalse(downCalled(f, "piko-demo-e1"), f.docker.calls.toString());
            assertTrue(f.docker.volumes.containsKey("piko-demo-e1_data"));
            assertTrue(f.workspace().store().environment("e1").isPresent());
            assertEquals(Set.of(root.resolve(".piko/worktrees/e1")), f.git.worktrees);
        }
    }

    @Test
    void aFailedCreateKeepsTheVolumesAnEarlierDestroyKeptAndFreshStartsEmpty() throws Exception {
        try (FlowFixture f = new FlowFixture(root, WITH_SETUP)) {
            f.environments().create("e1", null);
            f.environments().destroy("e1", false, false);
            assertTrue(f.docker.volumes.containsKey("piko-demo-e1_data"), "destroy keeps volumes");

            f.scriptExitCode = 1;
            assertThrows(PikoException.class, () -> f.environments().create("e1", "e1"));
            assertTrue(f.docker.volumes.containsKey("piko-demo-e1_data"), "the undo keeps what existed before");
            assertTrue(f.done.contains("Using the volumes an earlier e1 kept: piko-demo-e1_data"
                    + " (to start empty instead: piko create e1 --fresh)"), f.done.toString());

            f.scriptExitCode = 0;
            f.docker.calls.clear();
            f.environments().create("e1", "e1", null, true);
            assertTrue(f.done.contains("Removed the volumes an earlier e1 kept (--fresh): piko-demo-e1_data"), f.done.toString());
            assertTrue(f.docker.calls.contains("removeVolumes [piko-demo-e1_data]"), f.docker.calls.toString());
            assertTrue(f.docker.volumes.containsKey("piko-demo-e1_data"), "the new e1 made its own");
        }
    }

    @Test
    void anUnfinishedCreateUndoneByDestroyKeepsTheVolumesThatWereThereBefore() throws Exception {
        try (FlowFixture f = new FlowFixture(root, WITH_SETUP)) {
            f.environments().create("e1", null);
            f.environments().destroy("e1", false, false);
            f.duringScript = () -> {
                throw new FakeDocker.Crash();
            };
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", "e1"));
            f.reload();
            f.duringScript = () -> { };
            f.environments().destroy("e1", false, false);
            assertTrue(f.docker.volumes.containsKey("piko-demo-e1_data"), f.docker.calls.toString());
            assertTrue(f.workspace().store().environment("e1").isEmpty());
        }
    }

    @Test
    void doctorNamesAnotherCheckoutsObjectsAndLeavesThemAlone() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.docker.plant(Kind.CONTAINER, "piko-demo-x-web-1", "piko-demo-x", OTHER)
                    .plant(Kind.NETWORK, "piko-demo-x", "piko-demo-x", OTHER)
                    .plant(Kind.VOLUME, "piko-demo-x_data", "piko-demo-x", OTHER);
            Checkup checkup = new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), f.shared());
            List<Checkup.Finding> findings = checkup.examine();
            assertEquals(1, findings.size(), findings.toString());
            assertEquals("piko-demo-x", findings.get(0).subject());
            assertTrue(findings.get(0).problem().contains("belongs to"), findings.get(0).problem());
            assertEquals(null, findings.get(0).action());
            checkup.fix(findings);
            assertFalse(downCalled(f, "piko-demo-x"), f.docker.calls.toString());
            assertEquals(3, f.docker.planted.size());
        }
    }

    @Test
    void downSharedVolumesAndIsolateLeaveAnotherCheckoutsSharedProjectAlone() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            f.docker.plant(Kind.VOLUME, "piko-demo-shared_data", "piko-demo-shared", OTHER);
            PikoException e = assertThrows(PikoException.class, () -> f.sharedServices().downAll(true));
            assertTrue(e.getMessage().contains("piko-demo-shared") && e.getMessage().contains("will not remove"), e.getMessage());
            f.sharedServices().isolate("redis");
            f.environments().destroy("e1", false, false);
            assertFalse(downCalled(f, "piko-demo-shared"), f.docker.calls.toString());
            assertEquals(Set.of("redis"), f.docker.projects.get("piko-demo-shared"));
            assertTrue(f.warnings.stream().anyMatch(w -> w.contains("will not stop") && w.contains("left running")), f.warnings.toString());
        }
    }

    /** A project named before the naming rule (with a '-'): no environment of another project may produce its names. */
    @Test
    void anEnvironmentNameThatMakesAnotherProjectsComposeNameIsRefused() throws Exception {
        Path other = root.resolve("other");
        java.nio.file.Files.createDirectories(other.resolve(".piko"));
        java.nio.file.Files.writeString(other.resolve(".piko/state.db"), "");
        List<String> registered = new java.util.ArrayList<>();
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.registry = new ProjectRegistry() {
                @Override public List<Entry> projects() { return List.of(new Entry(OTHER, other, "demo-q")); }
                @Override public void register(String identity, Path r, String name) { registered.add(name); }
                @Override public java.util.Optional<String> identityAt(Path r) { return java.util.Optional.empty(); }
            };
            PikoException e = assertThrows(PikoException.class, () -> f.environments().create("q-shared", null));
            assertTrue(e.getMessage().contains("piko-demo-q-shared, which is a name of project demo-q at " + other), e.getMessage());
            assertEquals(2, e.exitCode());
            assertTrue(f.workspace().store().environment("q-shared").isEmpty());
            assertEquals(List.of("demo"), registered, "create records the checkout");
            f.environments().create("q", null);
        }
    }

    /** Objects from a piko before the identity label: this checkout's when compose ran them inside its folder. */
    @Test
    void unlabelledObjectsAreOwnedByTheFolderComposeRanThemIn() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            Ownership o = f.workspace().ownership(f.docker);
            Map<String, String> mine = Map.of(Labels.PROJECT, "demo",
                    Labels.COMPOSE_WORKING_DIR, root.resolve(".piko/worktrees/e1").toString());
            Map<String, String> theirs = Map.of(Labels.PROJECT, "demo",
                    Labels.COMPOSE_WORKING_DIR, "/elsewhere/demo/.piko/worktrees/e1");
            assertTrue(o.mine(new Ownership.DockerObject(Kind.CONTAINER, "c", mine)));
            Ownership.DockerObject other = new Ownership.DockerObject(Kind.CONTAINER, "c", theirs);
            assertFalse(o.mine(other));
            assertEquals("the project at /elsewhere/demo", o.owner(other));
            assertTrue(o.mine(new Ownership.DockerObject(Kind.VOLUME, "v", Map.of(Labels.PROJECT, "demo"))));
            assertFalse(o.mine(new Ownership.DockerObject(Kind.VOLUME, "v", Map.of(Labels.PROJECT, "other"))));
            Ownership.DockerObject unlabelledVolume = new Ownership.DockerObject(Kind.VOLUME, "v", Map.of(Labels.PROJECT, "demo"));
            assertEquals(List.of(other, unlabelledVolume), o.foreign(List.of(other, unlabelledVolume)),
                    "an unlabelled volume goes with the other checkout's container");
        }
    }
}
