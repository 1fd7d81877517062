package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.model.Environment;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Remove an environment: its containers, network, worktree and state (its branch is kept).")
final class Destroy extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<name>", description = "Environment.")
    String name;

    @Option(names = "--volumes", description = "Also remove its named volumes (its data).")
    boolean volumes;

    @Option(names = "--force", description = "Remove the worktree even when it has uncommitted changes.")
    boolean force;

    @Override
    int execute() {
        context.needsOnlyTheState("destroy");
        return oneAtATime(name, () -> {
            environments().destroy(name, volumes, force);
            routing().removed(name);
            EnvSnapshot.forget(workspace().root(), name);
            return ExitCode.OK.code();
        });
    }
}
