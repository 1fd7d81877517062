package piko.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            List<Object> rows = new ArrayList<>();
            for (SharedStatus s : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service", s.service());
                m.put("declared", s.declared());
                m.put("status", s.state());
                m.put("container", s.container());
                m.put("network", s.network());
                m.put("ports", PortText.json(s.ports()));
                m.put("consumers", s.consumers());
                rows.add(m);
            }
            out().println(Json.write(rows));
        } else if (all.isEmpty()) {
            out().println("No shared services. Share one with: piko share <service>");
        } else {
            Table t = new Table("SERVICE", "STATUS", "CONTAINER", "NETWORK", "PORTS", "USED BY");
            for (SharedStatus s : all) {
                t.row(s.service() + (s.declared() ? "" : " (isolated)"), s.state(),
                        s.container() == null ? "-" : s.container(), s.network(), PortText.table(s.ports()),
                        s.consumers().isEmpty() ? "-" : String.join(", ", s.consumers()));
            }
            t.print(out());
        }
        out().flush();
        return 0;
    }
}
