package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.model.Environment;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop an environment's containers, keeping them and their data (idempotent);"
                + " with --shared, stop the shared services instead; with --all, every environment and the shared services.")
final class Down extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<name>", arity = "0..1", description = "Environment (default: the worktree you are in).")
    String name;

    @Option(names = "--shared", description = "Stop every shared service instance (environments keep running).")
    boolean shared;

    @Option(names = "--volumes", description = "With --shared: also remove the shared services' volumes.")
    boolean volumes;

    @Option(names = "--all", description = "Stop every environment, then the shared services (one line each, then a summary).")
    boolean all;

    @Override
    int execute() {
        context.needsOnlyTheState("down");
        if (all) {
            if (name != null || shared || volumes) {
                throw new piko.error.PikoException("--all goes alone", "piko down --all", ExitCode.USAGE);
            }
            context.withoutComposeProgress();
            context.fleet().downAll();
            return ExitCode.OK.code();
        }
        if (shared) {
            sharedServices().downAll(volumes);
            routing().sharedStopped();
            return ExitCode.OK.code();
        }
        if (volumes) {
            throw new piko.error.PikoException("--volumes goes with --shared", "to remove an environment's volumes: piko destroy <name> --volumes", ExitCode.USAGE);
        }
        String which = environmentName(name);
        return oneAtATime(which, () -> {
            environments().down(which);
            routing().stopped(which);
            return ExitCode.OK.code();
        });
    }
}
