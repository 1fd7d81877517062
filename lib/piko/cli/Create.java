package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.core.EnvVars;
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

    @Option(names = "--from", paramLabel = "<env|snapshot>",
            description = "Start the volumes as copies of another environment's (paused for the copy) or of a snapshot's.")
    String from;

    @Option(names = "--empty", description = "Start with empty volumes even when piko.yaml names a seed snapshot.")
    boolean empty;

    @Option(names = "--fresh",
            description = "Remove the volumes an earlier environment of this name kept (destroy without --volumes) and start empty.")
    boolean fresh;

    @Override
    int execute() {
        if (branch != null) {
            piko.git.Git.requireBranchName(branch);  // --branch=--detach names no branch: refused before anything is made
        }
        if (empty && from != null) {
            throw new piko.error.PikoException("--empty and --from exclude each other", "give one of them", ExitCode.USAGE);
        }
        String seedOfConfig = workspace().config().seed();
        if (!empty && from == null && seedOfConfig != null && snapshots().find(seedOfConfig).isEmpty()) {
            throw new piko.error.PikoException("piko.yaml's seed names snapshot '" + seedOfConfig + "', which does not exist",
                    "see the snapshots with: piko snapshot list; or start empty with: piko create " + name + " --empty");
        }
        String source = empty ? null : from != null ? from : seedOfConfig;
        return oneAtATime(name, () -> created(source));
    }

    private int created(String source) {
        piko.core.VolumeSeed seed = source == null ? null : snapshots().seedFrom(source);
        Environment env = environments().create(name, branch, seed, fresh);
        routing().started(env.name());
        keepEnvAnswer(env.name());
        Console c = console();
        for (String renamed : EnvVars.renumbered(servicesWithPorts(env.name()))) {
            c.warn(renamed);
        }
        c.info("");
        c.info("Environment " + env.name() + " is ready in " + env.path());
        c.info("Its variables: eval \"$(piko env " + env.name() + ")\"");
        return ExitCode.OK.code();
    }

    /** The services whose ports the environment's variables name: its own, and the shared ones it uses. */
    private java.util.Set<String> servicesWithPorts(String environment) {
        java.util.Set<String> services = new java.util.TreeSet<>();
        workspace().store().ports(environment).forEach(p -> services.add(p.service()));
        java.util.List<String> used = workspace().store().consumers().getOrDefault(environment, java.util.List.of());
        workspace().store().ports(piko.core.Names.SHARED).stream().filter(p -> used.contains(p.service()))
                .forEach(p -> services.add(p.service()));
        return services;
    }
}
