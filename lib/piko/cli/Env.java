package piko.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.core.EnvVars;
import piko.model.Environment;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Print an environment's PIKO_* variables, for: eval \"$(piko env <name>)\".")
final class Env extends BaseCommand {
    @Parameters(paramLabel = "<name>", arity = "0..1", description = "Environment (default: the worktree you are in).")
    String name;

    @Option(names = "--json", description = "Print a JSON object instead.")
    boolean json;

    @Override
    int execute() {
        Map<String, String> vars = environments().vars(environmentName(name));
        out().print(json ? Json.write(vars) + "\n" : EnvVars.asShell(vars));
        out().flush();
        return 0;
    }
}
