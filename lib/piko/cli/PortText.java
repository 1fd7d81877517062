package piko.cli;

import java.util.List;
import java.util.stream.Collectors;
import piko.model.PortAllocation;

/** How host ports are shown: "10180->8080/tcp, ..." in tables (Views has them in JSON). */
final class PortText {
    private PortText() {
    }

    static String table(List<PortAllocation> ports) {
        String text = ports.stream().map(p -> p.hostPort() + "->" + p.target() + "/" + p.protocol())
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "-" : text;
    }
}
