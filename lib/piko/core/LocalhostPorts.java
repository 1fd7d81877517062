package piko.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import piko.model.ComposeModel;
import piko.model.PortAllocation;

/**
 * Values of a service's environment that name a published container port on the host's loopback
 * (KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://localhost:9092): in an environment that port is
 * published under another number, so a client on the host that follows the value misses it.
 */
final class LocalhostPorts {
    private static final Pattern LOOPBACK = Pattern.compile("(?<![\\w.-])(localhost|127\\.0\\.0\\.1):(\\d{1,5})(?!\\d)");

    private LocalhostPorts() {
    }

    /** ports: the environment's own; variables: its PIKO_* variables with those ports (EnvVars.of). */
    static List<String> warnings(ComposeModel model, List<PortAllocation> ports, Map<String, String> variables) {
        List<String> out = new ArrayList<>();
        for (ComposeModel.Service s : model.services().values()) {
            for (Map.Entry<String, String> e : s.environment().entrySet()) {
                Matcher m = LOOPBACK.matcher(e.getValue());
                while (m.find()) {
                    int target = Integer.parseInt(m.group(2));
                    java.util.Optional<PortAllocation> published = ports.stream()
                            .filter(a -> a.target() == target && a.hostPort() != target && a.protocol().equals("tcp"))
                            .min(java.util.Comparator.comparing(PortAllocation::service));
                    if (published.isPresent()) {
                        PortAllocation a = published.get();
                        String var = variable(a, variables);
                        out.add(s.name() + "'s " + e.getKey() + " (" + e.getValue() + ") names " + m.group() + ", but " + a.service()
                                + "'s port " + target + " is published as " + a.hostPort() + " here: for clients on the host, write "
                                + m.group(1) + ":${" + var + ":-" + target + "} (piko sets " + var + " for compose)");
                    }
                }
            }
        }
        return out;
    }

    private static String variable(PortAllocation a, Map<String, String> variables) {
        String plain = Names.portVariable(a.service());
        String host = String.valueOf(a.hostPort());
        return variables.entrySet().stream().filter(v -> v.getValue().equals(host) && v.getKey().startsWith(plain.substring(0,
                plain.length() - "PORT".length()))).map(Map.Entry::getKey).min(java.util.Comparator.comparing(String::length))
                .orElse(plain);
    }
}
