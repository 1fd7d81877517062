package piko.cli;

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
            out().println(Json.write(all.stream().map(Views::environment).toList()));
        } else if (all.isEmpty()) {
            console().info("No environments yet. Create one with: piko create <name>");
        } else {
            Table t = new Table("NAME", "STATUS", "BRANCH", "CREATED", "SHARED");
            for (EnvironmentStatus s : all) {
                t.row(s.env().name(), s.summary(), s.env().branch(), s.env().createdAt(),
                        s.shared().isEmpty() ? "-" : String.join(", ", s.shared()));
            }
            t.print(out());
        }
        out().flush();
        return 0;
    }
}
