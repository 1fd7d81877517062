package piko.core;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import piko.model.Container;
import piko.model.Environment;
import piko.model.PortAllocation;

/** Live status of environments and shared services, read from one `docker ps` with piko's project label. */
public final class StatusReport {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String PARTIAL = "partial";
    public static final String BROKEN = "broken";

    /** One service of an environment; note says "shared" for a shared instance, or why it is not. */
    public record ServiceStatus(String service, String state, String health, List<PortAllocation> ports, String note) {
    }

    /**
     * composeFiles: the files compose loads in the worktree; composeProject: the project piko runs
     * it as; notes: what piko does differently from plain compose there (COMPOSE_PROJECT_NAME).
     */
    public record EnvironmentStatus(Environment env, String status, List<ServiceStatus> services, List<String> shared,
                                    List<String> composeFiles, String composeProject, List<String> notes) {
        /** Services whose healthcheck fails (Docker's health "unhealthy"). */
        public List<String> unhealthy() {
            return services.stream().filter(s -> s.health().equals("unhealthy")).map(ServiceStatus::service).toList();
        }

        /** The status for people: "unhealthy (db)" when a service fails its healthcheck, else status. */
        public String summary() {
            return unhealthy().isEmpty() ? status : "unhealthy (" + String.join(", ", unhealthy()) + ")";
        }
    }

    public record SharedStatus(String service, boolean declared, String state, String container, String network,
                               List<PortAllocation> ports, List<String> consumers) {
    }

    private final Workspace ws;
    private final ContainerInventory docker;

    public StatusReport(Workspace ws, ContainerInventory docker) {
        this.ws = ws;
        this.docker = docker;
    }

    public List<EnvironmentStatus> all() {
        return of(ws.store().environments());
    }

    public List<EnvironmentStatus> of(List<Environment> envs) {
        Map<String, List<Container>> byEnv = containersByEnvironment();
        Map<String, Container> sharedContainers = byService(byEnv.getOrDefault(Names.SHARED, List.of()));
        Map<String, List<String>> consumers = ws.store().consumers();
        List<String> declared = ws.store().sharedServices();
        List<PortAllocation> ports = ws.store().allPorts();
        List<EnvironmentStatus> result = new ArrayList<>();
        for (Environment env : envs) {
            List<String> used = consumers.getOrDefault(env.name(), List.of());
            List<ServiceStatus> services = new ArrayList<>(ownServices(env, byEnv.getOrDefault(env.name(), List.of()),
                    ports, declared));
            for (String s : used) {
                Container c = sharedContainers.get(s);
                services.add(new ServiceStatus(s, c == null ? "missing" : c.state(), c == null ? "" : c.health(),
                        portsOf(ports, Names.SHARED, s), declared.contains(s) ? "shared" : "shared (isolated, until destroyed)"));
            }
            ComposeFiles files = ws.composeFiles(env.path());
            String composeProject = Names.composeProject(ws.project().name(), env.name());
            result.add(new EnvironmentStatus(env, status(env, services), services, used, files.names(), composeProject,
                    notes(files, composeProject)));
        }
        return result;
    }

    /** Every service with a shared instance: declared ones and isolated ones still in use. */
    public List<SharedStatus> shared() {
        Map<String, Container> containers = byService(containersByEnvironment().getOrDefault(Names.SHARED, List.of()));
        Map<String, List<String>> consumers = ws.store().consumers();
        List<String> declared = ws.store().sharedServices();
        Set<String> services = new TreeSet<>(declared);
        consumers.values().forEach(services::addAll);
        List<PortAllocation> ports = ws.store().allPorts();
        List<SharedStatus> out = new ArrayList<>();
        for (String s : services) {
            Container c = containers.get(s);
            List<String> users = SharedDeclaration.usersOf(consumers, s);
            String own = Names.sharedComposeProject(ws.project().name());
            // none for an instance that does not run: its network may not exist, and piko names only what does
            String network = c == null ? null : c.networks().stream().filter(n -> n.equals(own) || n.startsWith(own + "_"))
                    .sorted().collect(Collectors.joining(", "));
            out.add(new SharedStatus(s, declared.contains(s), c == null ? "not running" : c.state(),
                    c == null ? null : c.name(), network,
                    portsOf(ports, Names.SHARED, s), users));
        }
        return out;
    }

    private Map<String, List<Container>> containersByEnvironment() {
        return docker.containersOfProject(ws.project().name())
                .stream().collect(Collectors.groupingBy(Container::pikoEnvironment));
    }

    private static Map<String, Container> byService(List<Container> containers) {
        return containers.stream().collect(Collectors.toMap(Container::service, c -> c, (a, b) -> a));
    }

    private static List<ServiceStatus> ownServices(Environment env, List<Container> containers, List<PortAllocation> ports,
                                                   List<String> declared) {
        Map<String, ServiceStatus> out = new LinkedHashMap<>();
        for (String service : env.services()) {
            out.put(service, new ServiceStatus(service, "missing", "", portsOf(ports, env.name(), service), note(service, declared)));
        }
        for (Container c : containers) {
            out.put(c.service(), new ServiceStatus(c.service(), c.state(), c.health(), portsOf(ports, env.name(), c.service()),
                    note(c.service(), declared)));
        }
        return new ArrayList<>(out.values());
    }

    /** What compose would do otherwise in the worktree, which piko overrides. */
    static List<String> notes(ComposeFiles files, String composeProject) {
        String named = files.settings().get("COMPOSE_PROJECT_NAME");
        if (named == null || named.isBlank() || named.equals(composeProject)) {
            return List.of();
        }
        return List.of("COMPOSE_PROJECT_NAME=" + named + " is overridden: piko runs this environment as compose project "
                + composeProject);
    }

    private static String note(String service, List<String> declared) {
        return declared.contains(service) ? "own copy: " + service + " was shared after this environment was created" : "";
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
