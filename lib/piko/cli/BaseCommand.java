package piko.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import piko.core.ComposeAccess;
import piko.core.EnvironmentCompose;
import piko.core.Environments;
import piko.core.Scripts;
import piko.core.SharedServices;
import piko.core.StatusReport;
import piko.core.Workspace;
import piko.docker.Docker;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.Timeouts;
import piko.git.Git;

/** What every command shares: where it runs, the process runner, and the open workspace. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    final ProcessRunner runner = new ProcessRunner();
    private Workspace workspace;

    /** The command's work; returns the exit code. */
    abstract int execute();

    @Override
    public final Integer call() {
        if (PikoCommand.verbose) {
            runner.traceTo(spec.commandLine().getErr());
        }
        try {
            return execute();
        } finally {
            if (workspace != null) {
                workspace.close();
            }
        }
    }

    Path cwd() {
        return Path.of(System.getProperty("user.dir"));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and warnings on stderr; silent progress with --quiet where the command has it. */
    Console console() {
        picocli.CommandLine.Model.OptionSpec quiet = spec.findOption("--quiet");
        return new Console(spec.commandLine().getErr(), quiet != null && Boolean.TRUE.equals(quiet.getValue()));
    }

    /** The timeouts of piko.yaml once the project is open; the defaults before (init, the daemon check). */
    Timeouts timeouts() {
        return workspace != null ? workspace.config().timeouts() : Timeouts.DEFAULTS;
    }

    /** compose's progress: its own on a terminal, its plain lines otherwise, none with --quiet. */
    Docker docker() {
        picocli.CommandLine.Model.OptionSpec quiet = spec.findOption("--quiet");
        Docker.Progress progress = quiet != null && Boolean.TRUE.equals(quiet.getValue()) ? Docker.Progress.SILENT
                : Terminal.stderrIsTerminal() ? Docker.Progress.TERMINAL : Docker.Progress.PLAIN;
        return new Docker(runner, timeouts()).showProgress(progress, System.err);
    }

    Git git() {
        return new Git(runner, timeouts());
    }

    /** The project around the working directory, with piko.yaml's shared list synced into the state. */
    Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.open(cwd());
            for (String change : sharedServices().syncFromConfig()) {
                spec.commandLine().getErr().println("piko: " + change);
            }
            spec.commandLine().getErr().flush();
        }
        return workspace;
    }

    SharedServices sharedServices() {
        return new SharedServices(workspace(), docker(), console());
    }

    Environments environments() {
        return new Environments(workspace(), docker(), git(), new Scripts(runner, new PrintStream(System.err, true), timeouts()),
                console());
    }

    StatusReport statusReport() {
        return new StatusReport(workspace(), docker());
    }

    ComposeAccess composeAccess() {
        return new ComposeAccess(workspace(), environments(), sharedServices(), new EnvironmentCompose(workspace(), docker()));
    }

    /** Leading words split into an environment (the first word if it names one, else the worktree's, else null) and the rest. */
    record Named(String name, java.util.List<String> rest) {
    }

    Named named(java.util.List<String> words) {
        if (!words.isEmpty() && composeAccess().namesEnvironment(words.get(0))) {
            return new Named(words.get(0), words.subList(1, words.size()));
        }
        return new Named(workspace().environmentAt(cwd()).orElse(null), words);
    }

    /** Says on stderr when a passthrough acts on the shared instance. */
    void sayWhere(ComposeAccess.Resolved target) {
        if (target.note() != null) {
            spec.commandLine().getErr().println("piko: " + target.note());
            spec.commandLine().getErr().flush();
        }
    }

    /** Runs compose on the project resolved for a passthrough, saying so when it is the shared one. */
    int passthrough(ComposeAccess.Resolved target, java.util.List<String> composeArgs) {
        sayWhere(target);
        out().flush();
        return docker().composeAttached(target.target(), composeArgs, target.vars());
    }

    /** The name given, or else the environment whose worktree we are in. */
    String environmentName(String given) {
        if (given != null) {
            return given;
        }
        return workspace().environmentAt(cwd()).orElseThrow(() -> new PikoException(
                "which environment? give its name, or run this inside its worktree", "see them with: piko list", 2));
    }
}
