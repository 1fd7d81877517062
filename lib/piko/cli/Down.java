package piko.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop an environment's containers, keeping them and their data (idempotent).")
final class Down extends BaseCommand {
    @Parameters(paramLabel = "<name>", arity = "0..1", description = "Environment (default: the worktree you are in).")
    String name;

    @Override
    int execute() {
        environments().down(environmentName(name));
        return 0;
    }
}
