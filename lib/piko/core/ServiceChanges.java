package piko.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import piko.model.PortAllocation;

/**
 * What `up` says when the services of an environment changed with its compose files (a service
 * renamed or removed, one added): the port variables scripts read go or come with them.
 */
final class ServiceChanges {
    private ServiceChanges() {
    }

    static void report(Reporter out, String env, java.util.Collection<String> before, java.util.Collection<String> after,
                       List<PortAllocation> portsBefore, List<PortAllocation> portsAfter) {
        for (String gone : new TreeSet<>(before)) {
            if (!after.contains(gone)) {
                out.warn(gone + " is no longer a service of " + env + " (its compose files or COMPOSE_PROFILES changed)"
                        + port(gone, portsBefore).map(p -> ": " + p + " is gone").orElse(""));
            }
        }
        for (String added : new TreeSet<>(after)) {
            if (!before.contains(added)) {
                out.info(added + " is a new service of " + env + port(added, portsAfter).map(p -> ": " + p).orElse(""));
            }
        }
    }

    /** The service's PIKO_<SERVICE>_PORT and its host port ("PIKO_WEB_PORT=10180"), if it publishes one. */
    private static Optional<String> port(String service, List<PortAllocation> ports) {
        Map<String, String> names = EnvVars.portVariables(ports.stream().map(PortAllocation::service).toList());
        return ports.stream().filter(a -> a.service().equals(service))
                .min(Comparator.comparing((PortAllocation a) -> !a.protocol().equals("tcp")).thenComparingInt(PortAllocation::target))
                .map(a -> names.get(service) + "=" + a.hostPort());
    }
}
