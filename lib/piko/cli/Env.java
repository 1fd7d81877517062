package piko.cli;

import java.util.List;
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

    @Option(names = "--json", description = "Print the environment as JSON, its variables under \"variables\".")
    boolean json;

    @Override
    int execute() {
        String key = EnvSnapshot.keyBeforeReading(cwd());
        String which = environmentName(name);
        Map<String, String> vars = environments().vars(which);
        if (json) {
            Environment env = environments().require(which);
            List<String> shared = workspace().store().consumers().getOrDefault(which, List.of());
            out().println(Json.write(Views.environment(env, shared, vars)));
        } else {
            String answer = EnvVars.asShell(vars);
            out().print(answer);
            if (key != null) {
                EnvSnapshot.keep(workspace().root(), which, key, answer);
            }
        }
        out().flush();
        return 0;
    }
}
