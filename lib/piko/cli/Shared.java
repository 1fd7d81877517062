package piko.cli;

import piko.error.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import piko.core.StatusReport.SharedStatus;

@Command(name = "shared", mixinStandardHelpOptions = true,
        description = "List shared services: status, container, network, host ports and the environments using them.")
final class Shared extends BaseCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute() {
        List<SharedStatus> all = statusReport().shared();
        if (json) {
            out().println(Json.write(all.stream().map(Views::shared).toList()));
        } else if (all.isEmpty()) {
            console().info("No shared services. Share one with: piko share <service>");
        } else {
            Table t = new Table("SERVICE", "STATUS", "CONTAINER", "NETWORK", "PORTS", "USED BY");
            for (SharedStatus s : all) {
                t.row(s.service() + (s.declared() ? "" : " (isolated)"), s.state(),
                        s.container() == null ? "-" : s.container(), s.network() == null ? "-" : s.network(), PortText.table(s.ports()),
                        s.consumers().isEmpty() ? "-" : String.join(", ", s.consumers()));
            }
            t.print(out());
        }
        out().flush();
        return ExitCode.OK.code();
    }
}
