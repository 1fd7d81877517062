package piko.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import piko.model.Environment;

@Command(name = "up", mixinStandardHelpOptions = true, description = "Start an environment (idempotent).")
final class Up extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<name>", arity = "0..1", description = "Environment (default: the worktree you are in).")
    String name;

    @Override
    int execute() {
        String which = environmentName(name);
        return oneAtATime(which, () -> {
            environments().up(which);
            routing().started(which);
            keepEnvAnswer(which);
            return 0;
        });
    }
}
