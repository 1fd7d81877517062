package piko.core;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import piko.docker.Container;
import piko.docker.Docker;

/** Live status of environments, read from one `docker ps` with piko's project label. */
public final class StatusReport {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String PARTIAL = "partial";
    public static final String BROKEN = "broken";

    public record ServiceStatus(String service, String state, String health, List<PortAllocation> ports) {
    }

    public record EnvironmentStatus(Environment env, String status, List<ServiceStatus> services) {
    }

    private final Workspace ws;
    private final Docker docker;

    public StatusReport(Workspace ws, Docker docker) {
        this.ws = ws;
        this.docker = docker;
    }

    public List<EnvironmentStatus> all() {
        return of(ws.store().environments(ws.project()));
    }

    public List<EnvironmentStatus> of(List<Environment> envs) {
        Map<String, List<Container>> byEnv = docker.containersWithLabel(Labels.PROJECT + "=" + ws.project().name())
                .stream().collect(Collectors.groupingBy(Container::pikoEnvironment));
        List<PortAllocation> ports = ws.store().allPorts(ws.project());
        List<EnvironmentStatus> result = new ArrayList<>();
        for (Environment env : envs) {
            List<Container> containers = byEnv.getOrDefault(env.name(), List.of());
            List<ServiceStatus> services = services(env, containers, ports);
            result.add(new EnvironmentStatus(env, status(env, services), services));
        }
        return result;
    }

    private static List<ServiceStatus> services(Environment env, List<Container> containers, List<PortAllocation> ports) {
        Map<String, ServiceStatus> out = new LinkedHashMap<>();
        for (String service : env.services()) {
            out.put(service, new ServiceStatus(service, "missing", "", portsOf(ports, env.name(), service)));
        }
        for (Container c : containers) {
            out.put(c.service(), new ServiceStatus(c.service(), c.state(), c.health(), portsOf(ports, env.name(), c.service())));
        }
        return new ArrayList<>(out.values());
    }

    private static List<PortAllocation> portsOf(List<PortAllocation> ports, String scope, String service) {
        return ports.stream().filter(p -> p.scope().equals(scope) && p.service().equals(service)).toList();
    }

    private static String status(Environment env, List<ServiceStatus> services) {
        if (!Environment.READY.equals(env.phase()) || !Files.isDirectory(env.path())) {
            return BROKEN;
        }
        if (services.stream().anyMatch(s -> s.state().equals("dead"))) {
            return BROKEN;
        }
        long running = services.stream().filter(s -> s.state().equals("running")).count();
        if (running == 0) {
            return STOPPED;
        }
        return running == services.size() ? RUNNING : PARTIAL;
    }
}
