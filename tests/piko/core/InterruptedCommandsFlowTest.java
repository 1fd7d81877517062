package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.model.ComposeTarget;

/** What share, isolate, destroy and down --shared leave when killed midway: doctor reports it from their journal, --fix ends it. */
class InterruptedCommandsFlowTest {
    @TempDir
    Path root;

    private static Checkup checkup(FlowFixture f) {
        return new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), f.shared());
    }

    private static Checkup.Finding only(List<Checkup.Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    /** A share killed while compose waited for its instance: the journal says it got that far, so --fix finishes it. */
    @Test
    void aShareKilledAfterComposeStartedItsInstanceIsFinished() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.crashing("ps", 2);  // the first after compose up: recording the container
            assertThrows(FakeDocker.Crash.class, () -> f.sharedServices().share("redis"));
            f.docker.crashing("none");
            f.reload();
            assertEquals(List.of(new ProjectStore.JournalEntry("share", "redis", List.of("start", "mark"))),
                    f.workspace().store().journal());
            Checkup.Finding finding = only(checkup(f).examine());
            assertEquals("shared redis", finding.subject());
            assertTrue(finding.problem().startsWith("share redis was interrupted (at step mark)"), finding.problem());
            assertTrue(finding.fix().startsWith("finish it"), finding.fix());
            assertEquals(List.of(), checkup(f).fix(List.of(finding)).failed());
            assertTrue(Files.readString(root.resolve("piko.yaml")).contains("- redis"));
            assertEquals(List.of("redis"), f.workspace().store().sharedServices());
            assertEquals(List.of(), f.workspace().store().journal());
            assertEquals(List.of(), checkup(f).examine());
        }
    }

    @Test
    void aShareKilledBeforeItsInstanceRanIsUndoneAndItsPortsForgotten() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.crashing("up");
            assertThrows(FakeDocker.Crash.class, () -> f.sharedServices().share("redis"));
            f.docker.crashing("none");
            f.reload();
            assertFalse(f.workspace().store().ports(Names.SHARED).isEmpty(), "share planned its ports");
            Checkup.Finding finding = only(checkup(f).examine());
            assertTrue(finding.problem().contains("before its instance ran") && finding.fix().startsWith("undo it"), finding.toString());
            checkup(f).fix(List.of(finding));
            assertEquals(List.of(), f.workspace().store().ports(Names.SHARED));
            assertEquals(List.of(), f.workspace().store().sharedServices());
            assertEquals(List.of(), checkup(f).examine());
        }
    }

    /** isolate killed while compose stopped the instance: --fix finishes it, the shared network goes too. */
    @Test
    void anIsolateKilledWhileStoppingIsFinished() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.sharedServices().share("redis");
            f.docker.crashing("remove");
            assertThrows(FakeDocker.Crash.class, () -> f.sharedServices().isolate("redis"));
            f.docker.crashing("none");
            f.reload();
            Checkup.Finding finding = only(checkup(f).examine());
            assertTrue(finding.problem().startsWith("isolate redis was interrupted (at step stop)"), finding.problem());
            checkup(f).fix(List.of(finding));
            assertFalse(f.docker.projects.containsKey("piko-demo-shared"), f.docker.projects.toString());
            assertEquals(List.of(), f.workspace().store().journal());
            assertEquals(List.of(), checkup(f).examine());
        }
    }

    /** With no journal, a shared instance nothing lists is not this project's work in progress: --fix removes it. */
    @Test
    void aSharedInstanceThatNothingListsIsRemoved() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.composeUp(ComposeTarget.byName("piko-demo-shared"), List.of("redis"), java.util.Map.of());
            Checkup.Finding finding = only(checkup(f).examine());
            assertEquals("shared redis", finding.subject());
            assertTrue(finding.problem().contains("neither piko.yaml nor the state lists"), finding.problem());
            checkup(f).fix(List.of(finding));
            assertFalse(f.docker.projects.containsKey("piko-demo-shared"), f.docker.projects.toString());
            assertEquals(List.of(), checkup(f).examine());

            f.docker.composeUp(ComposeTarget.byName("piko-demo-shared"), List.of("redis"), java.util.Map.of());
            f.docker.composeUp(ComposeTarget.byName("piko-demo-lost"), List.of("web"), java.util.Map.of());
            f.docker.connect("piko-demo-lost", "piko-demo-shared-redis-1", List.of("redis"));
            assertTrue(checkup(f).examine().stream().noneMatch(x -> x.subject().equals("shared redis")),
                    "linked to an environment (one the state lost, say): in use, not removed");
        }
    }

    @Test
    void aDestroyKilledMidwayIsFinishedAndAnUpAbandonsIt() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.environments().create("e1", null);
            f.environments().create("e2", null);
            f.docker.crashing("down");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().destroy("e1", true, false));
            f.docker.crashing("down");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().destroy("e2", false, false));
            f.docker.crashing("none");
            f.reload();
            List<Checkup.Finding> findings = checkup(f).examine();
            assertEquals(2, findings.size(), findings.toString());
            assertEquals("e1", findings.get(0).subject());
            assertEquals("its destroy was interrupted (at step down)", findings.get(0).problem());
            assertTrue(findings.get(0).fix().startsWith("finish it, as piko destroy e1 --volumes does"), findings.get(0).fix());

            f.environments().up("e2");
            assertTrue(f.done.contains("A destroy of e2 that was interrupted is abandoned: e2 runs again"), f.done.toString());
            checkup(f).fix(checkup(f).examine());
            assertTrue(f.workspace().store().environment("e1").isEmpty());
            assertFalse(f.docker.volumes.containsKey("piko-demo-e1_data"), "destroy --volumes was asked");
            assertTrue(f.workspace().store().environment("e2").isPresent(), "up took it back");
            assertEquals(List.of(), f.workspace().store().journal());
            assertEquals(List.of(), checkup(f).examine());
        }
    }

    @Test
    void aCreateKilledMidwayIsRemoved() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.crashing("up");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", null));
            f.docker.crashing("none");
            f.reload();
            Checkup.Finding finding = only(checkup(f).examine());
            assertEquals("its create did not finish (at step start)", finding.problem());
            assertTrue(finding.fix().startsWith("remove what it made, as piko destroy e1 does"), finding.fix());
            assertEquals(List.of(), checkup(f).fix(List.of(finding)).failed());
            assertTrue(f.workspace().store().environment("e1").isEmpty());
            assertEquals(List.of(), checkup(f).examine());
        }
    }

    @Test
    void aCommandRunningNowOnTheEnvironmentIsOnlyNamed() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.crashing("up");
            assertThrows(FakeDocker.Crash.class, () -> f.environments().create("e1", null));
            f.docker.crashing("none");
            f.reload();
            Checkup busy = new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), f.shared(),
                    env -> new ProjectLock() {
                        @Override
                        public <T> T holding(java.util.function.Supplier<T> work) {
                            return work.get();
                        }

                        @Override
                        public boolean heldElsewhere() {
                            return true;
                        }

                        @Override
                        public String holder() {
                            return "piko create " + env + ", process 42";
                        }
                    });
            Checkup.Finding finding = only(busy.examine());
            assertEquals("a command runs on it now (piko create e1, process 42)", finding.problem());
            assertEquals(null, finding.action());
        }
    }

    @Test
    void aDownSharedKilledMidwayIsFinished() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.sharedServices().share("redis");
            f.docker.crashing("down");
            assertThrows(FakeDocker.Crash.class, () -> f.sharedServices().downAll(true));
            f.docker.crashing("none");
            f.reload();
            Checkup.Finding finding = only(checkup(f).examine());
            assertEquals("down --shared was interrupted (at step down)", finding.problem());
            assertEquals("finish it: remove the shared containers and network, and their volumes", finding.fix());
            checkup(f).fix(List.of(finding));
            assertFalse(f.docker.projects.containsKey("piko-demo-shared"), f.docker.projects.toString());
            assertEquals(List.of(), f.workspace().store().journal());
        }
    }

    @Test
    void unlabelledVolumesAndNetworksNamedLikeTheProjectsAreReportedNeverRemoved() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.plantUnlabelled(LabelledObjects.Kind.VOLUME, "piko-demo-x_data")
                    .plantUnlabelled(LabelledObjects.Kind.NETWORK, "piko-demo-x")
                    .plantUnlabelled(LabelledObjects.Kind.VOLUME, "piko-demonstration_data");
            List<Checkup.Finding> findings = checkup(f).examine();
            assertEquals(List.of("volume piko-demo-x_data", "network piko-demo-x"),
                    findings.stream().map(Checkup.Finding::subject).toList(), findings.toString());
            assertTrue(findings.get(0).fix().contains("docker volume rm piko-demo-x_data"), findings.get(0).fix());
            assertTrue(findings.stream().allMatch(x -> x.action() == null));
            checkup(f).fix(findings);
            assertEquals(3, f.docker.planted.size());
        }
    }

    @Test
    void whileAnotherProcessHoldsTheProjectLockTheSharedJournalsAreLeftUnchecked() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            f.docker.crashing("ps", 2);
            assertThrows(FakeDocker.Crash.class, () -> f.sharedServices().share("redis"));
            f.docker.crashing("none");
            f.reload();
            ProjectLock heldElsewhere = new ProjectLock() {
                @Override public <T> T holding(java.util.function.Supplier<T> work) { return work.get(); }
                @Override public boolean heldElsewhere() { return true; }
            };
            Shared shared = Shared.of(f.workspace(), f.docker, port -> true, heldElsewhere, new Reporter() {
                @Override public void done(String m) { }
                @Override public void warn(String m) { }
                @Override public void info(String m) { }
            });
            Checkup.Finding finding = only(new Checkup(f.workspace(), f.docker, f.git, port -> true, f.environments(), shared).examine());
            assertEquals("share redis", finding.subject());
            assertTrue(finding.problem().startsWith("not checked: another piko process holds the project lock now"), finding.problem());
            assertEquals(null, finding.action());
        }
    }
}
