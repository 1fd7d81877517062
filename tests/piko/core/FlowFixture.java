package piko.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import piko.config.PikoConfig;
import piko.model.ComposeModel;
import piko.exec.ProcessRunner;
import piko.state.ProjectState;

/**
 * core's flows wired to fakes: FakeDocker, FakeGit, a script runner that fails on request, and the
 * real SQLite state in a temporary directory (no process is started).
 */
final class FlowFixture implements AutoCloseable {
    /** web depends on redis; both publish a port; a named volume and the default network. */
    static final String MODEL_JSON = """
            {"name": "x", "services": {
              "web": {"ports": [{"target": 8080, "protocol": "tcp"}], "depends_on": {"redis": {"condition": "service_started"}}},
              "redis": {"ports": [{"target": 6379}]}},
             "networks": {"default": {"name": "x_default"}}, "volumes": {"data": {"name": "x_data"}}}""";

    /** The project lock of a single process: nothing to wait for. */
    static final ProjectLock NO_LOCK = new ProjectLock() {
        @Override
        public <T> T holding(java.util.function.Supplier<T> work) {
            return work.get();
        }
    };

    final Path root;
    final FakeDocker docker = new FakeDocker("demo", ComposeModel.parse(MODEL_JSON));
    final FakeGit git = new FakeGit(List.of("compose.yaml"));
    final List<String> done = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<List<String>> scripts = new ArrayList<>();
    int scriptExitCode;
    /** Runs while the setup script runs (a signal arriving then). */
    Runnable duringScript = () -> { };
    final Cancellation cancellation = new Cancellation(Thread.currentThread());
    /** What the sync of piko.yaml into the state said when the workspace was opened. */
    List<String> synced;
    private Workspace workspace;
    /** The machine-wide record of projects the flows see. */
    ProjectRegistry registry = Workspace.NO_REGISTRY;

    /** A project "demo" in root; pikoYaml is written to piko.yaml when not null. */
    FlowFixture(Path root, String pikoYaml) throws IOException {
        this.root = root;
        Files.writeString(root.resolve("compose.yaml"), "services: {}\n");
        if (pikoYaml != null) {
            Files.writeString(root.resolve("piko.yaml"), pikoYaml);
        }
        ProjectState.create(Workspace.stateFile(root), "demo", root, "compose.yaml", "0123456789abcdef");
    }

    Workspace workspace() {
        if (workspace == null) {
            workspace = new Workspace(root, ProjectState.open(Workspace.stateFile(root), root), PikoConfig.load(root),
                    () -> registry);
            docker.identity = workspace.project().identity();
            docker.counting = false;
            try {
                synced = sharedServices().syncFromConfig();  // as every command does first
            } finally {
                docker.counting = true;
            }
        }
        return workspace;
    }

    /** The next run: piko.yaml and the state read again. */
    void reload() {
        close();
        workspace = null;
    }

    private final Reporter reporter = new Reporter() {
        @Override public void done(String m) { done.add(m); }
        @Override public void warn(String m) { warnings.add(m); }
        @Override public void info(String m) { done.add(m); }
    };

    private final ProcessRunner scriptRunner = new ProcessRunner() {
        @Override
        public Result run(Call call) {
            scripts.add(call.command());
            duringScript.run();
            return new Result(scriptExitCode, "", scriptExitCode == 0 ? "" : "script failed");
        }
    };

    Shared shared() {
        return Shared.of(workspace(), docker, port -> true, NO_LOCK, reporter);
    }

    Environments environments() {
        return new Environments(workspace(), docker, git, new Scripts(scriptRunner, new ByteArrayOutputStream()),
                port -> true, shared(), cancellation, reporter);
    }

    Routing routing(RouteTable table) {
        return new Routing(workspace(), table, reporter);
    }

    SharedServices sharedServices() {
        return new SharedServices(workspace(), docker, shared(), reporter, cancellation);
    }

    @Override
    public void close() {
        if (workspace != null) {
            workspace.close();
        }
    }
}
