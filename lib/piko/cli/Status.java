package piko.cli;

import piko.error.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.core.StatusReport.EnvironmentStatus;
import piko.core.StatusReport.ServiceStatus;
import piko.model.Environment;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each service of an environment (or of all): state, health and host ports.")
final class Status extends BaseCommand {
    @Parameters(paramLabel = "<name>", arity = "0..1",
            description = "Environment (default: the worktree you are in, else all).")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute() {
        String which = name != null ? name : workspace().environmentAt(cwd()).orElse(null);
        List<EnvironmentStatus> report = which == null
                ? statusReport().all()
                : statusReport().of(List.of(environments().require(which)));
        if (json) {
            String main = workspace().config().routerService();
            List<Object> envs = report.stream().map(e -> (Object) Views.environment(e, urls(e.env().name()), main)).toList();
            out().println(Json.write(which == null ? envs : envs.get(0)));
        } else if (report.isEmpty()) {
            console().info("No environments yet. Create one with: piko create <name>");
        } else {
            for (EnvironmentStatus e : report) {
                out().println(e.env().name() + ": " + e.summary() + " (branch " + e.env().branch() + ", " + e.env().path() + ")");
                out().println("  compose project " + e.composeProject() + ", files: " + String.join(", ", e.composeFiles()));
                e.notes().forEach(n -> out().println("  note: " + n));
                java.util.Map<String, String> urls = urls(e.env().name());
                Table t = urls.isEmpty() ? new Table("  SERVICE", "STATE", "HEALTH", "PORTS", "NOTE")
                        : new Table("  SERVICE", "STATE", "HEALTH", "PORTS", "URL", "NOTE");
                for (ServiceStatus s : e.services()) {
                    String health = s.health().isEmpty() ? "-" : s.health();
                    if (urls.isEmpty()) {
                        t.row("  " + s.service(), s.state(), health, PortText.table(s.ports()), s.note());
                    } else {
                        t.row("  " + s.service(), s.state(), health, PortText.table(s.ports()),
                                urls.getOrDefault(s.service(), "-"), s.note());
                    }
                }
                t.print(out());
            }
        }
        out().flush();
        return ExitCode.OK.code();
    }
}
