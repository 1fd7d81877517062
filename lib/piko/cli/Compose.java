package piko.cli;

import piko.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import piko.error.PikoException;

/** Everything after the name is compose's, options included (Main stops option parsing at the first word). */
@Command(name = "compose", mixinStandardHelpOptions = true,
        description = "Run any docker compose command on an environment, with its project name, files and directory"
                + " ('shared' for the shared services' project).")
final class Compose extends BaseCommand {
    @Parameters(paramLabel = "[<name>] [--] <compose arguments>", arity = "1..*",
            description = "Environment (default: the worktree you are in), then compose's arguments, e.g. -- ps.")
    List<String> words = new ArrayList<>();

    @Override
    int execute() {
        int dash = words.indexOf("--");
        Named n = named(dash >= 0 ? words.subList(0, dash) : words);
        List<String> args = new ArrayList<>(dash >= 0 ? words.subList(dash + 1, words.size()) : n.rest());
        if (dash >= 0 && !n.rest().isEmpty()) {
            throw new PikoException("no environment named '" + n.rest().get(0) + "'", "see them with: piko list", ExitCode.USAGE);
        }
        if (args.isEmpty()) {
            throw new PikoException("which compose command?", "for example: piko compose <name> -- ps", ExitCode.USAGE);
        }
        return passthrough(composeAccess().of(n.name(), List.of()), args);
    }
}
