package piko.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import piko.model.PortAllocation;

/** How host ports are shown: "10180->8080/tcp, ..." in tables, objects in JSON. */
final class PortText {
    private PortText() {
    }

    static String table(List<PortAllocation> ports) {
        String text = ports.stream().map(p -> p.hostPort() + "->" + p.target() + "/" + p.protocol())
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "-" : text;
    }

    static List<Object> json(List<PortAllocation> ports) {
        return ports.stream().map(p -> (Object) Map.of("target", p.target(), "protocol", p.protocol(), "host", p.hostPort()))
                .toList();
    }
}
