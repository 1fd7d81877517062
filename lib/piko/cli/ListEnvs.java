package piko.cli;

import piko.error.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import piko.core.StatusReport.EnvironmentStatus;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List environments with their live status (running, stopped, partial, broken).")
final class ListEnvs extends BaseCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute() {
        List<EnvironmentStatus> all = statusReport().all();
        if (json) {
            String main = workspace().config().routerService();
            out().println(Json.write(all.stream().map(s -> Views.environment(s, urls(s.env().name()), main))
                    .toList()));
        } else if (all.isEmpty()) {
            console().info("No environments yet. Create one with: piko create <name>");
        } else {
            // the main service's URL through the router, when piko.yaml names the service and the router runs
            String main = workspace().config().routerService();
            boolean withUrl = main != null && routing().httpPort() != 0;
            Table t = withUrl ? new Table("NAME", "STATUS", "BRANCH", "CREATED", "SHARED", "URL")
                    : new Table("NAME", "STATUS", "BRANCH", "CREATED", "SHARED");
            for (EnvironmentStatus s : all) {
                String shared = s.shared().isEmpty() ? "-" : String.join(", ", s.shared());
                if (withUrl) {
                    t.row(s.env().name(), s.summary(), s.env().branch(), s.env().createdAt(), shared,
                            urls(s.env().name()).getOrDefault(main, "-"));
                } else {
                    t.row(s.env().name(), s.summary(), s.env().branch(), s.env().createdAt(), shared);
                }
            }
            t.print(out());
        }
        out().flush();
        return ExitCode.OK.code();
    }
}
