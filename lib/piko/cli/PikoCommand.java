package piko.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "piko", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "An isolated Docker Compose environment for every git worktree, with shared services.")
public final class PikoCommand implements Runnable {
    /** Every subcommand, in the order --help lists them; Main registers them (see there why). */
    static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();
    /** Commands whose answer needs `docker ps` of the project's containers (Main starts it early). */
    /** Commands whose words after the first positional all belong to the command they run. */
    static final java.util.Set<String> PASSTHROUGH = java.util.Set.of("exec", "compose");
    /** Commands that read the whole command model, so Main registers every command for them. */
    static final java.util.Set<String> SEE_ALL_COMMANDS = java.util.Set.of("completion", "__complete");
    /** Commands that make or remove things: Ctrl-C and SIGTERM stop them cleanly (see Signals). */
    static final java.util.Set<String> HANDLES_SIGNALS = java.util.Set.of("create", "share", "up", "destroy", "snapshot", "gc");
    static final java.util.Set<String> READS_CONTAINERS = java.util.Set.of("list", "status", "shared");

    private static java.util.Map<String, java.util.function.Supplier<Object>> subcommands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("init", Init::new);
        m.put("create", Create::new);
        m.put("list", ListEnvs::new);
        m.put("status", Status::new);
        m.put("up", Up::new);
        m.put("down", Down::new);
        m.put("restart", Restart::new);
        m.put("destroy", Destroy::new);
        m.put("env", Env::new);
        m.put("share", Share::new);
        m.put("isolate", Isolate::new);
        m.put("shared", Shared::new);
        m.put("snapshot", SnapshotCommand::new);
        m.put("doctor", Doctor::new);
        m.put("gc", Gc::new);
        m.put("router", Router::new);
        m.put("logs", Logs::new);
        m.put("exec", Exec::new);
        m.put("compose", Compose::new);
        m.put("install", Install::new);
        m.put("completion", Completion::new);
        m.put("__complete", Complete::new);
        return m;
    }

    /** Set through its setter (also when given after the subcommand: the option is inherited); Main reads it. */
    boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show each docker and git command line as it runs, and stack traces.")
    void setVerbose(boolean v) {
        verbose = v;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
