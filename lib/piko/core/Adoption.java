package piko.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import piko.model.Environment;
import piko.model.Labels;
import piko.model.PortAllocation;

/** doctor --fix taking back what the state lost: an environment from its worktree and its containers' labels. */
final class Adoption {
    private final Workspace ws;
    private final ComposeGateway docker;
    private final Shared shared;

    Adoption(Workspace ws, ComposeGateway docker, Shared shared) {
        this.ws = ws;
        this.docker = docker;
        this.shared = shared;
    }

    /** Records an environment from its worktree and its containers' labels, and the shared services linked to it. */
    void adopt(String name, String branch, Path path, List<Map<String, String>> containers) {
        List<PortAllocation> ports = portsOf(name, containers);
        List<String> services = containers.stream().map(c -> c.get(Labels.COMPOSE_SERVICE)).filter(s -> !s.isEmpty()).distinct().sorted().toList();
        int block = ws.config().portBlock();
        int slot = ports.isEmpty() ? 0 : (ports.get(0).hostPort() - ws.config().portBase()) / block;
        Environment env = ws.store().adoptEnvironment(name, branch, path, slot, services, ports);
        ws.assignPorts(name, (existing, taken) -> existing.entrySet().stream().filter(e -> !taken.contains(e.getValue()))
                .map(e -> new PortAllocation(name, e.getKey().service(), e.getKey().target(), e.getKey().protocol(), e.getValue()))
                .toList());
        String network = Names.composeProject(ws.project().name(), name);
        List<String> used = new ArrayList<>();
        shared.instances().containers().forEach((service, container) -> {
            if (docker.containerNetworks(container).stream().anyMatch(n -> Checkup.ofEnvironment(n, network))) {
                used.add(service);
            }
        });
        if (!used.isEmpty()) {
            ws.store().addConsumer(env, used);
        }
    }

    static List<PortAllocation> portsOf(String scope, List<Map<String, String>> containers) {
        List<PortAllocation> ports = new ArrayList<>();
        for (Map<String, String> c : containers) {
            ports.addAll(OverrideFile.parsePortsLabel(scope, c.get(Labels.COMPOSE_SERVICE), c.get(OverrideFile.PORTS_LABEL)));
        }
        return ports;
    }
}
