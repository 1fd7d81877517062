package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import piko.model.Environment;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start an environment (idempotent); with --all, every environment of the project.")
final class Up extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<name>", arity = "0..1", description = "Environment (default: the worktree you are in).")
    String name;

    @picocli.CommandLine.Option(names = "--all", description = "Start every environment (one line each, then a summary).")
    boolean all;

    @Override
    int execute() {
        if (all) {
            if (name != null) {
                throw new piko.error.PikoException("give a name or --all, not both", "piko up --all, or piko up " + name, ExitCode.USAGE);
            }
            context.withoutComposeProgress();
            context.fleet().upAll();
            return ExitCode.OK.code();
        }
        String which = environmentName(name);
        return oneAtATime(which, () -> {
            environments().up(which);
            routing().started(which);
            keepEnvAnswer(which);
            return ExitCode.OK.code();
        });
    }
}
