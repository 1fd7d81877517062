package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `piko doctor` against the fakes: what it finds when Docker differs from the state, and that --fix repairs it. */
class DoctorFlowTest {
    private static final String WEB = "piko-demo-e1-web-1";
    private static final String REDIS = "piko-demo-e1-redis-1";
    private static final String SHARED_REDIS = "piko-demo-shared-redis-1";

    @TempDir
    Path root;

    private static Checkup checkup(FlowFixture f) {
        return new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), f.shared());
    }

    /** Each finding as doctor prints it: subject, problem, and what --fix does. */
    private static List<String> findings(FlowFixture f) {
        return checkup(f).examine().stream().map(x -> x.subject() + ": " + x.problem() + " -> " + x.fix()).toList();
    }

    private static void fix(FlowFixture f) {
        Checkup c = checkup(f);
        c.fix(c.examine());
    }

    @Test
    void aServiceThatStoppedWhileTheRestRunsIsStartedAgain() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            assertEquals(List.of(), findings(f));
            f.docker.exits(WEB, 137);
            assertEquals(List.of("e1: web is exited (137) while the rest of e1 runs -> start it (piko up e1)"), findings(f));
            fix(f);
            assertEquals("running", f.docker.states.get(WEB));
            assertEquals(List.of(), findings(f));
        }
    }

    /**
     * A repair takes the lock of the environment it works on, as the commands do: while another
     * process holds it (free when doctor looked, taken before the repair), the repair is skipped
     * and named, and the environment is left as that command has it; a free lock is taken.
     */
    @Test
    void aRepairSkipsAnEnvironmentWhoseLockAnotherProcessTookAndTakesAFreeOne() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.environments().create("e2", null);
            f.docker.exits(WEB, 137);
            f.docker.exits("piko-demo-e2-web-1", 137);
            java.util.Map<String, Boolean> held = new java.util.HashMap<>(java.util.Map.of("e1", false, "e2", false));
            List<String> taken = new java.util.ArrayList<>();
            Checkup c = new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), f.shared(), env -> new ProjectLock() {
                @Override
                public <T> T holding(java.util.function.Supplier<T> work) {
                    throw new AssertionError("a repair never waits for a lock");
                }

                @Override
                public boolean tryHolding(Runnable work) {
                    if (held.get(env)) {
                        return false;
                    }
                    taken.add(env);
                    work.run();
                    return true;
                }

                @Override
                public boolean heldElsewhere() {
                    return held.get(env);
                }

                @Override
                public String holder() {
                    return held.get(env) ? "piko down " + env + ", process 4242" : "";
                }
            });
            List<Checkup.Finding> found = c.examine();
            assertEquals(2, found.size(), found.toString());
            held.put("e1", true);  // a down of e1 began after doctor looked
            Repairs repairs = c.fix(found);
            assertEquals(java.util.Map.of("e1", "piko down e1, process 4242"), repairs.busy());
            assertEquals(List.of(), repairs.failed());
            assertEquals(List.of("e2"), taken);
            assertEquals("exited", f.docker.states.get(WEB), "left as the down has it");
            assertEquals("running", f.docker.states.get("piko-demo-e2-web-1"));
            assertTrue(repairs.skipped(found.stream().filter(x -> x.subject().equals("e1")).findFirst().orElseThrow()));
            assertEquals("doctor: e1 is busy (piko down e1 running, pid 4242); run doctor again when it ends",
                    Repairs.busyLine("e1", "piko down e1, process 4242"));
        }
    }

    @Test
    void aServiceThatFinishedItsWorkIsOnlyANote() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.docker.exits(REDIS, 0);
            List<Checkup.Finding> found = checkup(f).examine();
            assertEquals(1, found.size(), found.toString());
            assertEquals("redis is exited (0) while the rest of e1 runs", found.get(0).problem());
            assertNull(found.get(0).action(), "nothing to repair");
        }
    }

    @Test
    void anEnvironmentStoppedByDownIsNoProblem() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.environments().down("e1");
            assertEquals("exited", f.docker.states.get(WEB));
            assertEquals("exited", f.docker.states.get(REDIS));
            assertEquals(List.of(), findings(f));
        }
    }

    @Test
    void aContainerOrTheNetworkGoneIsMadeAgainByUp() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.docker.removes(WEB);
            assertEquals(List.of("e1: the container of web is gone -> recreate it (piko up e1)"), findings(f));
            fix(f);
            assertEquals("running", f.docker.states.get(WEB));
            assertEquals(List.of(), findings(f));

            f.docker.removesNetwork("piko-demo-e1");
            assertEquals(List.of("e1: its network piko-demo-e1 is gone -> recreate it (piko up e1)"), findings(f));
            fix(f);
            assertTrue(f.docker.networks.containsKey("piko-demo-e1"));
            assertEquals(Set.of("piko-demo-e1"), f.docker.attached.get(WEB));
            assertEquals(List.of(), findings(f));
        }
    }

    @Test
    void whatAnEnvironmentLeftInDockerWithoutStateOrWorktreeIsRemoved() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.docker.composeUp(piko.model.ComposeTarget.byName("piko-demo-gone"), List.of("web"), java.util.Map.of());
            String volume = "volume piko-demo-gone_data: data of environment gone, which no longer exists -> nothing: piko keeps"
                    + " it, as it may hold data you want (see it with: docker volume inspect piko-demo-gone_data)";
            assertEquals(List.of("gone: 1 containers and 1 networks of an environment that is neither in the state nor has"
                    + " a worktree -> remove them", volume), findings(f));
            fix(f);
            assertNull(f.docker.projects.get("piko-demo-gone"));
            assertTrue(f.docker.networks.keySet().stream().noneMatch(n -> n.startsWith("piko-demo-gone")), f.docker.networks.toString());
            assertTrue(f.docker.volumes.containsKey("piko-demo-gone_data"), "its data is kept");
            assertEquals(Set.of("redis", "web"), f.docker.projects.get("piko-demo-e1"), "e1 untouched");
            assertEquals(List.of(volume), findings(f));
        }
    }

    @Test
    void anEnvironmentInDockerAndInItsWorktreeButNotInTheStateIsTakenBack() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.workspace().store().deleteEnvironment("e1");
            assertEquals(List.of("e1: in Docker (2 containers) and in its worktree, but not in the state -> take it back with"
                    + " its ports and shared services"), findings(f));
            fix(f);
            assertEquals(List.of("redis", "web"), f.workspace().store().environment("e1").orElseThrow().services());
            assertEquals("e1", f.workspace().store().environment("e1").orElseThrow().branch());
            assertEquals(List.of(), findings(f));
        }
    }

    @Test
    void aSharedInstanceRecreatedWithoutItsLinksIsLinkedAgainUnderItsName() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            assertEquals(List.of("redis"), f.docker.aliases.get("piko-demo-e1 " + SHARED_REDIS));
            f.docker.recreates(SHARED_REDIS);
            assertEquals(Set.of("piko-demo-shared"), f.docker.attached.get(SHARED_REDIS));
            assertEquals(List.of("shared redis: not linked to e1's network piko-demo-e1 -> link it"), findings(f));
            fix(f);
            assertEquals(Set.of("piko-demo-e1", "piko-demo-shared"), f.docker.attached.get(SHARED_REDIS));
            assertEquals(List.of("redis"), f.docker.aliases.get("piko-demo-e1 " + SHARED_REDIS), "e1's web finds it as redis");
            assertEquals(List.of(), findings(f));
        }
    }

    /** A repair of the shared instances takes the project lock, as share, isolate and down --shared do; held, it is skipped. */
    @Test
    void aSharedRepairSkipsWhileAnotherProcessHoldsTheProjectLock() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            f.docker.recreates(SHARED_REDIS);
            boolean[] held = {false};
            ProjectLock projectLock = new ProjectLock() {
                @Override
                public <T> T holding(java.util.function.Supplier<T> work) {
                    return work.get();
                }

                @Override
                public boolean tryHolding(Runnable work) {
                    if (held[0]) return false;
                    work.run();
                    return true;
                }
            };
            Shared shared = Shared.of(f.workspace(), f.docker, port -> true, projectLock, new Reporter() {
                @Override
                public void done(String message) {
                }

                @Override
                public void warn(String message) {
                }

                @Override
                public void info(String message) {
                }
            });
            Checkup c = new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), shared);
            List<Checkup.Finding> found = c.examine();
            assertEquals("shared redis", found.get(0).subject(), found.toString());
            held[0] = true;  // a share began after doctor looked
            Repairs repairs = c.fix(found);
            assertEquals(Set.of("shared"), repairs.busy().keySet());
            assertEquals(Set.of("piko-demo-shared"), f.docker.attached.get(SHARED_REDIS), "not linked behind the share's back");
            assertEquals("doctor: the shared services are busy (another piko command running); run doctor again when it ends",
                    Repairs.busyLine("shared", ""));
            held[0] = false;
            assertEquals(Map.of(), c.fix(c.examine()).busy());
            assertEquals(Set.of("piko-demo-e1", "piko-demo-shared"), f.docker.attached.get(SHARED_REDIS));
        }
    }

    @Test
    void aStoppedSharedInstanceInUseIsStartedByUp() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            f.docker.exits(SHARED_REDIS, 137);
            assertEquals(List.of("shared redis: its container is exited, and e1 uses it -> start it (piko up e1)"), findings(f));
            fix(f);
            assertEquals("running", f.docker.states.get(SHARED_REDIS));
            assertEquals(List.of(), findings(f));
        }
    }
}
