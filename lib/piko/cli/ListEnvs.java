package piko.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EnvironmentStatus s : all) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", s.env().name());
                row.put("status", s.status());
                row.put("branch", s.env().branch());
                row.put("path", s.env().path().toString());
                row.put("created", s.env().createdAt());
                row.put("shared", s.shared());
                rows.add(row);
            }
            out().println(Json.write(rows));
        } else if (all.isEmpty()) {
            out().println("No environments yet. Create one with: piko create <name>");
        } else {
            Table t = new Table("NAME", "STATUS", "BRANCH", "CREATED", "SHARED");
            for (EnvironmentStatus s : all) {
                t.row(s.env().name(), s.status(), s.env().branch(), s.env().createdAt(),
                        s.shared().isEmpty() ? "-" : String.join(", ", s.shared()));
            }
            t.print(out());
        }
        out().flush();
        return 0;
    }
}
