package piko.cli;

import piko.error.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.core.ComposeAccess;

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
        args.add("--");  // service names are never read as compose's options
        args.addAll(n.rest());
        ComposeAccess.Resolved target = composeAccess().of(n.name(), n.rest());
        if (!follow && !(out() instanceof Terminal.Writer)) {
            // stdout is not this process's own (piko-mcp): compose's output is read, then written to it
            sayWhere(target);
            out().print(context.docker().composeLogs(target.target(), n.rest(), tail == null ? 100 : tail, target.vars()));
            out().flush();
            return ExitCode.OK.code();
        }
        if (!Terminal.stdoutIsTerminal()) {
            // compose writes ESC[2K before each line even into a pipe or file: piko passes the lines on clean
            sayWhere(target);
            out().flush();
            PrintWriter to = out();
            return context.docker().composeLines(target.target(), args, target.vars(), line -> {
                to.println(line);
                to.flush();
            });
        }
        return passthrough(target, args);
    }
}
