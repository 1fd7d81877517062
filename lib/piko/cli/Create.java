package piko.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.model.Environment;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an environment: a worktree in .piko/worktrees/<name> and its own compose project.")
final class Create extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<name>", description = "Environment name (lower case, digits, - and _).")
    String name;

    @Option(names = "--branch", paramLabel = "<branch>",
            description = "Check out this existing branch instead of creating branch <name>.")
    String branch;

    @Override
    int execute() {
        Environment env = environments().create(name, branch);
        keepEnvAnswer(env.name());
        Console c = console();
        c.info("");
        c.info("Environment " + env.name() + " is ready in " + env.path());
        c.info("Its variables: eval \"$(piko env " + env.name() + ")\"");
        return 0;
    }
}
