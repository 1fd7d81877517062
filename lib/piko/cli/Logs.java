package piko.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show the logs of an environment's services; a shared service's come from its shared instance.")
final class Logs extends BaseCommand {
    @Parameters(paramLabel = "[<name>] [<service>...]", arity = "0..*",
            description = "Environment (default: the worktree you are in; 'shared' for the shared services), then services (default: all).")
    List<String> words = new ArrayList<>();

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "<n>", description = "Only the last n lines of each service.")
    Integer tail;

    @Override
    int execute() {
        Named n = named(words);
        List<String> args = new ArrayList<>(List.of("logs"));
        if (follow) {
            args.add("--follow");
        }
        if (tail != null) {
            args.addAll(List.of("--tail", String.valueOf(tail)));
        }
        args.addAll(n.rest());
        return passthrough(composeAccess().of(n.name(), n.rest()), args);
    }
}
