package piko.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import piko.config.PikoConfig;
import piko.core.Cancellation;
import piko.core.ComposeAccess;
import piko.core.EnvironmentCompose;
import piko.core.Environments;
import piko.core.PortProbe;
import piko.core.ProjectSetup;
import piko.core.Scripts;
import piko.core.Shared;
import piko.core.SharedServices;
import piko.core.StatusReport;
import piko.core.Workspace;
import piko.docker.Docker;
import piko.docker.HostPorts;
import piko.docker.PsPrefetch;
import piko.exec.ProcessRunner;
import piko.exec.Timeouts;
import piko.git.Git;
import piko.state.LockFile;
import piko.state.MachinePorts;
import piko.state.MachineProjects;
import piko.state.ProjectState;

/**
 * The one place that builds the object graph of a command run: core's flows wired to the
 * infrastructure that implements core's interfaces. The workspace, the shared services and the
 * machine-wide record are built once, when first needed; Docker again when piko.yaml's timeouts
 * replace the defaults; the light flow objects (git, environments, status, ...) on each call.
 */
final class Context implements AutoCloseable {
    private final ProcessRunner runner;
    private final PsPrefetch prefetched;
    private final piko.docker.Answers answers = new piko.docker.Answers();
    private Docker docker;
    private Timeouts dockerTimeouts;
    private final Path cwd;
    private final java.util.function.BooleanSupplier verbose;
    private final Cancellation cancellation;
    private PrintWriter err;
    private Console console;
    private Docker.Progress progress = Docker.Progress.SILENT;
    private Workspace workspace;
    private Shared shared;
    private MachineProjects registry;
    /** The command (down, destroy) that goes on with the state alone when piko.yaml is invalid; null for the others. */
    private String stateOnly;
    private String isolating;
    private boolean configIgnored;

    /** verbose: whether --verbose was given, known once the command line is parsed. */
    Context(ProcessRunner runner, PsPrefetch prefetched, Path cwd, java.util.function.BooleanSupplier verbose,
            Cancellation cancellation) {
        this.runner = runner;
        this.prefetched = prefetched;
        this.cwd = cwd;
        this.verbose = verbose;
        this.cancellation = cancellation;
    }

    /** Where the command talks (picocli's stderr), known once it runs; --verbose traces each process there. */
    void bind(PrintWriter err, Console console, Docker.Progress progress) {
        this.err = err;
        this.console = console;
        this.progress = progress;
        if (verbose.getAsBoolean()) {
            runner.traceTo(err);
        }
    }

    ProcessRunner runner() {
        return runner;
    }

    Path cwd() {
        return cwd;
    }

    Console console() {
        return console;
    }

    /** The timeouts of piko.yaml once the project is open; the defaults before (init, the daemon check). */
    Timeouts timeouts() {
        return workspace != null ? workspace.config().timeouts() : Timeouts.DEFAULTS;
    }

    Docker docker() {
        if (docker == null || dockerTimeouts != timeouts()) {  // identity: a record's equals costs a bootstrap at start-up
            dockerTimeouts = timeouts();
            docker = new Docker(runner, dockerTimeouts, prefetched, answers).showProgress(progress, System.err);
        }
        return docker;
    }

    Git git() {
        return new Git(runner, timeouts());
    }

    ProjectSetup projectSetup() {
        return new ProjectSetup(git(), ProjectState.CREATOR, registry(), docker(), console());
    }

    /** The machine-wide record of projects, opened on first use. */
    MachineProjects registry() {
        if (registry == null) {
            registry = MachineProjects.open(MachinePorts.defaultFile());
        }
        return registry;
    }

    /** The project around the working directory as it is on disk, for a caller that closes it (no sync). */
    Workspace openWorkspace() {
        Path root = Workspace.requireRoot(cwd);
        PikoConfig config;
        try {
            config = PikoConfig.load(root);
        } catch (piko.error.PikoException invalid) {
            if (stateOnly == null) {
                throw invalid;
            }
            console.warn(invalid.getMessage() + "; " + stateOnly + " goes on with the state alone, without piko.yaml's settings"
                    + (stateOnly.equals("destroy") ? " (scripts.destroy is not run)" : ""));
            config = PikoConfig.defaults(root.resolve(PikoConfig.FILE_NAME));
            configIgnored = true;
        }
        return new Workspace(root, ProjectState.open(Workspace.stateFile(root), root), config, this::registry);
    }

    /** The project around the working directory, with piko.yaml's shared list synced into the state. */
    Workspace workspace() {
        if (workspace == null) {
            workspace = openWorkspace();
            piko.core.ProjectMove.recognise(workspace, git()).ifPresent(moved -> err.println("piko: " + moved));
            for (String change : syncShared()) {
                err.println("piko: " + change);
            }
            err.flush();
        }
        return workspace;
    }

    /**
     * For down and destroy, which need only the state: an invalid piko.yaml, or one sharing a
     * service the compose files do not have, is a warning, and the state's shared list stays.
     */
    void needsOnlyTheState(String command) {
        stateOnly = command;
    }

    /** isolate of a service piko.yaml shares though the compose files lack it: the way to take it out. */
    void isolating(String service) {
        isolating = service;
    }

    private java.util.List<String> syncShared() {
        if (configIgnored) {
            return java.util.List.of();  // the defaults' empty shared list would unshare every service
        }
        try {
            return sharedServices().syncFromConfig();
        } catch (piko.error.PikoException e) {
            if (isolating != null && e instanceof SharedServices.UnknownShared u && u.unknown().contains(isolating)) {
                return java.util.List.of();  // isolate takes it out of piko.yaml
            }
            if (stateOnly == null) {
                throw e;
            }
            console.warn(e.getMessage() + "; " + stateOnly + " goes on with the shared services as the state has them");
            return java.util.List.of();
        }
    }

    PortProbe probe() {
        return port -> HostPorts.isFree(port);  // a lambda: HostPorts loads only when a port is probed
    }

    Shared shared() {
        if (shared == null) {
            Workspace ws = workspace();
            shared = Shared.of(ws, docker(), probe(), new LockFile(Workspace.lockFile(ws.root()), console()::waiting), console());
        }
        return shared;
    }

    SharedServices sharedServices() {
        return new SharedServices(workspace(), docker(), shared(), console(), cancellation);
    }

    Environments environments() {
        return environments(console());
    }

    /** The flows talking through another reporter (a fleet command cuts each environment's talk to one line). */
    Environments environments(piko.core.Reporter talk) {
        Workspace ws = workspace();
        return new Environments(ws, docker(), git(), new Scripts(runner, new PrintStream(System.err, true), timeouts()), probe(),
                shared(), cancellation, talk);
    }

    piko.core.GarbageCollection garbageCollection() {
        return new piko.core.GarbageCollection(workspace(), docker(), git(), new piko.git.Branches(runner, timeouts()));
    }

    piko.core.Fleet fleet() {
        return new piko.core.Fleet(workspace(), this::environments, shared().instances(), console(), routing());
    }

    /** No compose progress (a fleet command's one line per environment stays readable). */
    void withoutComposeProgress() {
        progress = Docker.Progress.SILENT;
        docker = null;
    }

    ComposeAccess composeAccess() {
        Workspace ws = workspace();
        return new ComposeAccess(ws, environments(), shared(), new EnvironmentCompose(ws, docker(), probe()));
    }

    piko.core.Snapshots snapshots() {
        return new piko.core.Snapshots(workspace(), new piko.docker.VolumeCopies(runner, timeouts()), console(), cancellation);
    }

    StatusReport statusReport() {
        return new StatusReport(workspace(), docker());
    }

    /** The folder of the machine-wide record (PIKO_MACHINE_DB's, else ~/.local/state/piko): the router's settings and routes. */
    static Path machineDir() {
        return piko.state.MachinePorts.defaultFile().toAbsolutePath().getParent();
    }

    /** Keeps the router's hostnames in step with the lifecycle of the project's environments. */
    piko.core.Routing routing() {
        return new piko.core.Routing(workspace(), new piko.router.RouterFiles(machineDir()), console());
    }

    piko.router.RouterControl routerControl() {
        String custom = System.getenv(piko.state.MachinePorts.ENV);
        boolean usersRecord = (custom == null || custom.isBlank()) && System.getProperty(piko.state.MachinePorts.PROPERTY) == null;
        piko.docker.RouterContainer c = new piko.docker.RouterContainer(runner, timeouts());
        return new piko.router.RouterControl(machineDir(), usersRecord, new piko.router.RouterControl.Engine() {
            @Override
            public String state(String container) {
                return c.state(container);
            }

            @Override
            public String owner(String container) {
                return c.owner(container);
            }

            @Override
            public void run(String container, String image, String owner, Path configDir, String mountedAt, String configFile,
                            String volume) {
                c.run(container, image, owner, configDir, mountedAt, configFile, volume);
            }

            @Override
            public void remove(String container) {
                c.remove(container);
            }

            @Override
            public String logs(String container) {
                return c.logs(container);
            }

            @Override
            public boolean portFree(int port) {
                return piko.docker.RouterContainer.portFree(port);
            }
        }, console());
    }

    @Override
    public void close() {
        if (workspace != null) {
            workspace.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
