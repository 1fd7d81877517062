package piko.cli;

import piko.error.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import piko.core.Cancellation;
import piko.docker.PsPrefetch;
import piko.error.PikoException;
import piko.exec.ProcessRunner;

/** Builds the command line and turns every failure into one `error:` line and an exit code. */
public final class Main {
    private static final String RED = "31";

    private Main() {
    }

    /** piko's version, for piko-mcp's server information. */
    public static String version() {
        return Version.VERSION;
    }

    /** piko as its own process: Ctrl-C and SIGTERM stop a command that makes things, which undoes them. */
    public static void main(String... args) {
        if (EnvSnapshot.answer(args, Path.of(System.getProperty("user.dir")), Terminal.stdout())) {
            Runtime.getRuntime().halt(ExitCode.OK.code());
        }
        nameLoggingProvider();
        int code = run(Terminal.stdout(), Terminal.stderr(), true, args);
        System.out.flush();
        System.err.flush();
        if (piko.state.NativeSqlite.driverUnpackedItsLibrary()) {
            System.exit(code);
        }
        // System.exit first starts the JDK's logging to log the exit (Java 21+), which searches every
        // jar on the class path for a logger: 50 M instructions, a sixth of a whole `piko env`. No
        // shutdown hook is left to run: each process piko starts has ended (a prefetched docker ps
        // ends by itself).
        Runtime.getRuntime().halt(code);
    }

    /** Named, slf4j's provider (zt-exec and sqlite-jdbc log through slf4j) is not looked for in every jar. */
    static void nameLoggingProvider() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");  // else slf4j says it used the property
        }
    }

    public static int run(String... args) {
        return run(Terminal.stdout(), Terminal.stderr(), args);
    }

    /** Runs one piko command line with its data and its talk going to these writers (piko-mcp runs commands so). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, new Cancellation(Thread.currentThread()), false, args);
    }

    /**
     * Runs one command line on this thread; the host (piko-mcp) keeps the cancellation, so that it can
     * stop the command as a signal would (the command then undoes what it made).
     */
    public static int run(PrintWriter out, PrintWriter err, Cancellation cancellation, String... args) {
        return run(out, err, cancellation, false, args);
    }

    static int run(PrintWriter out, PrintWriter err, boolean handleSignals, String... args) {
        return run(out, err, new Cancellation(Thread.currentThread()), handleSignals, args);
    }

    private static int run(PrintWriter out, PrintWriter err, Cancellation cancellation, boolean handleSignals,
                           String... args) {
        return run(new ProcessRunner(), Path.of(System.getProperty("user.dir")), out, err, cancellation, handleSignals, args);
    }

    /**
     * Runs one command line in this process as if started in cwd, every program (docker, git) run
     * through this runner: the unit tests run commands so, with a runner that plays Docker.
     */
    public static int run(ProcessRunner runner, Path cwd, PrintWriter out, PrintWriter err, String... args) {
        return run(runner, cwd, out, err, new Cancellation(Thread.currentThread()), false, args);
    }

    /** handleSignals: only for a process of its own (a host such as piko-mcp keeps its signals). */
    private static int run(ProcessRunner runner, Path cwd, PrintWriter out, PrintWriter err, Cancellation cancellation,
                           boolean handleSignals, String... args) {
        piko.exec.ProcessTrace.mark("piko's main starts");
        String command = commandName(args);
        // (not with --verbose: the early docker ps would run before tracing is on)
        PsPrefetch prefetched = command != null && PikoCommand.READS_CONTAINERS.contains(command)
                && !List.of(args).contains("--verbose") ? PsPrefetch.start(runner) : PsPrefetch.none();
        PikoCommand root = new PikoCommand();
        if (handleSignals && command != null && PikoCommand.HANDLES_SIGNALS.contains(command)) {
            Signals.install(cancellation);
        }
        Context context = new Context(runner, prefetched, cwd, () -> root.verbose, cancellation);
        CommandLine cli = commandLine(root);
        register(cli, command, args, context);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> cancellation.signal() != null
                ? interrupted(cmd.getErr(), cancellation.signal())
                : report(cmd.getErr(), e, root.verbose));
        cli.setParameterExceptionHandler((e, args2) -> Mistyped.report(e, Terminal.paint(e.getCommandLine().getErr(), RED, "error:")));
        int code = cli.execute(args);
        piko.exec.ProcessTrace.exiting();
        if (System.getenv("PIKO_TRACE_PROCESSES") != null) {
            System.err.println("piko: processes started: " + runner.spawnedCounts());
        }
        return code;
    }

    /**
     * Building each command's model costs start-up time: a run that names its command registers
     * just that one (list's alias ls included), and --version none.
     */
    private static void register(CommandLine cli, String named, String[] args, Context context) {
        if (named != null && PikoCommand.SUBCOMMANDS.containsKey(named) && !PikoCommand.SEE_ALL_COMMANDS.contains(named)) {
            add(cli, named, context);
            return;
        }
        if (named == null && java.util.Arrays.asList(args).stream().anyMatch(a -> a.equals("--version") || a.equals("-V"))) {
            return;
        }
        PikoCommand.SUBCOMMANDS.keySet().forEach(name -> add(cli, name, context));
    }

    /** Registers a command, giving it the run's context (the one place its objects are built). */
    private static void add(CommandLine cli, String name, Context context) {
        Object command = PikoCommand.SUBCOMMANDS.get(name).get();
        if (command instanceof BaseCommand c) {
            c.context = context;
        }
        CommandLine sub = commandLine(command);
        sub.getCommandSpec().versionProvider(new Version());  // -V, which every command's help lists, works on each
        cli.addSubcommand(sub);
        if (PikoCommand.PASSTHROUGH.contains(name)) {
            cli.getSubcommands().get(name).setStopAtPositional(true);
        }
    }

    /** A command's model as CommandSpecs builds it, or by picocli's annotation reading for one it lacks. */
    static CommandLine commandLine(Object command) {
        CommandLine generated = CommandSpecs.of(command);
        return generated != null ? generated : new CommandLine(command, PicocliFactory.INSTANCE);
    }

    /** The command a run names: its first word that is not an option (ls means list). */
    private static String commandName(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a.equals("ls") ? "list" : a;
            }
        }
        return null;
    }

    private static int interrupted(PrintWriter err, String signal) {
        err.println(Terminal.paint(err, RED, "error:") + " interrupted by SIG" + signal);
        err.flush();
        return Signals.exitCode(signal);
    }

    private static int report(PrintWriter err, Exception e, boolean verbose) {
        if (verbose) {
            e.printStackTrace(err);
        }
        if (e instanceof PikoException p) {
            err.println(Terminal.paint(err, RED, "error:") + " " + p.getMessage());
            if (p.hint() != null) {
                err.println("hint: " + p.hint());
            }
            err.flush();
            return p.exitCode();
        }
        err.println(Terminal.paint(err, RED, "error:") + " " + e + (verbose ? "" : " (run with --verbose for details)"));
        err.flush();
        return ExitCode.SOFTWARE.code();
    }
}
