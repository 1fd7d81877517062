package piko.cli;

import piko.error.ExitCode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.error.PikoException;
import piko.model.Environment;
import piko.text.EnvFormat;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Print an environment's PIKO_* variables, for: eval \"$(piko env <name>)\".")
final class Env extends BaseCommand {
    @Parameters(paramLabel = "<name>", arity = "0..1", description = "Environment (default: the worktree you are in).")
    String name;

    @Option(names = "--json", description = "Print the environment as JSON, its variables under \"variables\".")
    boolean json;

    @Option(names = "--format", paramLabel = "<format>",
            description = "sh (default: eval \"$(piko env)\" in bash, zsh, sh), fish (piko env --format fish | source),"
                    + " dotenv (docker --env-file, direnv), json (as --json).")
    String format;

    @Override
    int execute() {
        String as = format == null ? (json ? EnvFormat.JSON : EnvFormat.SH) : format;
        if (!EnvFormat.ALL.contains(as)) {
            throw new PikoException("unknown format '" + as + "'", "use one of: " + String.join(", ", EnvFormat.ALL), ExitCode.USAGE);
        }
        if (json && !as.equals(EnvFormat.JSON)) {
            throw new PikoException("--json and --format " + as + " ask for two formats", "give one of them", ExitCode.USAGE);
        }
        String key = EnvSnapshot.keyBeforeReading(cwd());
        String which = environmentName(name);
        Map<String, String> vars = variables(which);
        if (as.equals(EnvFormat.JSON)) {
            Environment env = environments().require(which);
            List<String> shared = workspace().store().consumers().getOrDefault(which, List.of());
            out().println(Json.write(Views.environment(env, shared, vars)));
        } else {
            String answer = EnvFormat.render(as, vars);
            out().print(answer);
            if (key != null) {
                EnvSnapshot.keep(workspace().root(), which, as, key, answer);
            }
        }
        out().flush();
        return ExitCode.OK.code();
    }
}
