package piko.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "piko", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "An isolated Docker Compose environment for every git worktree, with shared services.",
        subcommands = {Init.class, Create.class, ListEnvs.class, Status.class, Up.class, Down.class, Restart.class,
                Destroy.class, Env.class, Share.class, Isolate.class, Shared.class})
public final class PikoCommand implements Runnable {
    static boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and the commands piko runs.")
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
