package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import piko.config.PikoConfig;
import piko.docker.Docker;
import piko.exec.RecordingRunner;
import piko.git.Git;
import piko.model.Environment;
import piko.model.Project;
import piko.state.ProjectState;
import piko.state.Store;

/** How many processes the read-only commands start: a constant, whatever the number of environments. */
class ProcessCountTest {
    @TempDir
    Path root;

    private static final Reporter SILENT = new Reporter() {
        @Override public void done(String m) { }
        @Override public void warn(String m) { }
        @Override public void info(String m) { }
    };

    private static final ProjectLock NO_LOCK = new ProjectLock() {
        @Override
        public <T> T holding(java.util.function.Supplier<T> work) {
            return work.get();
        }
    };

    private Workspace workspace(int environments) throws Exception {
        java.nio.file.Files.writeString(root.resolve("piko.yaml"), "shared: [redis]\n");
        try (Store s = Store.open(Workspace.stateFile(root))) {
            s.insertProjectIfAbsent("demo", root, "compose.yaml", "0123456789abcdef");
            Project p = s.project().orElseThrow();
            s.replaceSharedServices(p, List.of("redis"), "piko-demo-shared");
            for (int i = 0; i < environments; i++) {
                Environment e = s.reserveEnvironment(p, "env" + i, "env" + i, true, root.resolve("w" + i), 600).orElseThrow();
                s.updateEnvironment(p, e.name(), Environment.READY, List.of("web", "db"), "");
                s.addConsumer(p, e, List.of("redis"));
            }
        }
        return new Workspace(root, ProjectState.open(Workspace.stateFile(root), root), PikoConfig.load(root));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 30})
    void listAndStatusOfAllEnvironmentsRunOneDockerProcess(int environments) throws Exception {
        try (Workspace ws = workspace(environments)) {
            RecordingRunner runner = RecordingRunner.succeeding();
            List<StatusReport.EnvironmentStatus> all = new StatusReport(ws, new Docker(runner)).all();
            assertEquals(environments, all.size());
            assertEquals(List.of(List.of("docker", "ps")), runner.calls.stream().map(c -> c.subList(0, 2)).toList());
            assertTrue(runner.calls.get(0).contains("label=dev.piko.project=demo"), runner.calls.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30})
    void sharedRunsOneDockerProcess(int environments) throws Exception {
        try (Workspace ws = workspace(environments)) {
            RecordingRunner runner = RecordingRunner.succeeding();
            List<StatusReport.SharedStatus> shared = new StatusReport(ws, new Docker(runner)).shared();
            assertEquals(environments, shared.get(0).consumers().size());
            assertEquals(1, runner.calls.size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30})
    void envAndTheSharedSyncStartNoProcessAtAll(int environments) throws Exception {
        try (Workspace ws = workspace(environments)) {
            RecordingRunner runner = RecordingRunner.succeeding();
            Docker docker = new Docker(runner);
            Shared shared = Shared.of(ws, docker, port -> true, NO_LOCK, SILENT);
            assertEquals(List.of(), new SharedServices(ws, docker, shared, SILENT, new Cancellation(Thread.currentThread())).syncFromConfig(), "piko.yaml and state agree");
            Environments envs = new Environments(ws, docker, new Git(runner),
                    new Scripts(runner, new ByteArrayOutputStream()), port -> true, shared, new Cancellation(Thread.currentThread()), SILENT);
            assertEquals("env0", envs.vars("env0").get("PIKO_ENV_NAME"));
            assertEquals(List.of(), runner.calls);
        }
    }
}
