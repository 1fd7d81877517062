package piko.cli;

import piko.error.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import piko.core.ComposeAccess;
import piko.core.Environments;
import piko.core.SharedServices;
import piko.core.StatusReport;
import piko.core.Workspace;
import piko.error.PikoException;

/** What every command shares: the context Main gives it (where it runs, and what it works with). */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Set by Main before the command runs. */
    Context context;

    /** The command's work; returns the exit code. */
    abstract int execute();

    @Override
    public final Integer call() {
        context.bind(spec.commandLine().getErr(), talk(), progress());
        try {
            return execute();
        } finally {
            context.close();
        }
    }

    Path cwd() {
        return context.cwd();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and warnings on stderr; silent progress with --quiet where the command has it. */
    private Console talk() {
        picocli.CommandLine.Model.OptionSpec quiet = spec.findOption("--quiet");
        return new Console(spec.commandLine().getErr(), quiet != null && Boolean.TRUE.equals(quiet.getValue()));
    }

    /** compose's progress: its own on a terminal, its plain lines otherwise, none with --quiet. */
    private piko.docker.Docker.Progress progress() {
        picocli.CommandLine.Model.OptionSpec quiet = spec.findOption("--quiet");
        return quiet != null && Boolean.TRUE.equals(quiet.getValue()) ? piko.docker.Docker.Progress.SILENT
                : Terminal.stderrIsTerminal() ? piko.docker.Docker.Progress.TERMINAL : piko.docker.Docker.Progress.PLAIN;
    }

    Console console() {
        return context.console();
    }

    Workspace workspace() {
        return context.workspace();
    }

    SharedServices sharedServices() {
        return context.sharedServices();
    }

    Environments environments() {
        return context.environments();
    }

    /** An environment's variables as `piko env` gives them: with PIKO_<SERVICE>_URL while the router runs. */
    java.util.Map<String, String> variables(String environment) {
        java.util.Map<String, String> vars = new java.util.LinkedHashMap<>(environments().vars(environment));
        try {
            vars.putAll(routing().urlVariables(environment));
        } catch (RuntimeException e) {
            // no URLs rather than no variables
        }
        return vars;
    }

    /** Service -> URL through the router while it runs (read from its settings, no Docker call); none otherwise. */
    java.util.Map<String, String> urls(String environment) {
        try {
            return routing().urls(environment);
        } catch (RuntimeException e) {
            return java.util.Map.of();  // the views show no URL rather than fail
        }
    }

    /** The router's hostnames, kept in step with what the command did. */
    piko.core.Routing routing() {
        return context.routing();
    }

    piko.core.Snapshots snapshots() {
        return context.snapshots();
    }

    StatusReport statusReport() {
        return context.statusReport();
    }

    ComposeAccess composeAccess() {
        return context.composeAccess();
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
        return context.docker().composeAttached(target.target(), composeArgs, target.vars());
    }

    /** Keeps `piko env`'s answer for an environment this command made or started; never fails the command. */
    void keepEnvAnswer(String environment) {
        try {
            EnvSnapshot.keepCurrent(cwd(), workspace().root(), environment,
                    () -> piko.core.EnvVars.asShell(variables(environment)));
        } catch (RuntimeException e) {
            // the next piko env runs in full and keeps it
        }
    }

    /**
     * Runs a command's work on one environment holding that environment's lock, so that commands
     * on one environment run one at a time (a destroy waits for the create it would cut through,
     * and says so); a name that cannot be an environment's has nothing to lock.
     */
    int oneAtATime(String environment, java.util.function.IntSupplier work) {
        if (environment == null || !piko.core.Names.isValidEnvName(environment)) {
            return work.getAsInt();
        }
        return environmentLock(environment).holding(work::getAsInt);
    }

    /** The lock of one environment: .piko/locks/<name>. */
    piko.state.LockFile environmentLock(String environment) {
        Path lock = workspace().root().resolve(Workspace.DIR).resolve("locks").resolve(environment);
        return new piko.state.LockFile(lock, "another piko command on environment " + environment,
                "piko " + spec.name() + " " + environment, console()::waiting);
    }

    /** The name given, or else the environment whose worktree we are in. */
    String environmentName(String given) {
        if (given != null) {
            return given;
        }
        return workspace().environmentAt(cwd()).orElseThrow(() -> new PikoException(
                "which environment? give its name, or run this inside its worktree", "see them with: piko list", ExitCode.USAGE));
    }
}
