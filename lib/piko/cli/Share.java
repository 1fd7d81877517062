package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "share", mixinStandardHelpOptions = true,
        description = "Run one instance of a service for all environments (in piko-<project>-shared) and list it in piko.yaml.")
final class Share extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<service>", description = "A service of the compose file.")
    String service;

    @Override
    int execute() {
        sharedServices().share(service);
        routing().shared();
        return ExitCode.OK.code();
    }
}
