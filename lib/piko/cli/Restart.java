package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import piko.model.Environment;

@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart an environment, or one service of it.")
final class Restart extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(index = "0", paramLabel = "<name>", description = "Environment.")
    String name;

    @Parameters(index = "1", paramLabel = "<service>", arity = "0..1", description = "Only this service.")
    String service;

    @Override
    int execute() {
        return oneAtATime(name, () -> {
            environments().restart(name, service);
            routing().started(name);
            return ExitCode.OK.code();
        });
    }
}
