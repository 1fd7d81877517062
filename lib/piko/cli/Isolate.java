package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "isolate", mixinStandardHelpOptions = true,
        description = "Stop sharing a service: environments created from now on run their own copy.")
final class Isolate extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<service>", description = "A shared service.")
    String service;

    @Override
    int execute() {
        context.isolating(service);
        sharedServices().isolate(service);
        routing().shared();
        return ExitCode.OK.code();
    }
}
