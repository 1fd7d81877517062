package piko.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import piko.error.PikoException;

/**
 * The parts of a compose project piko acts on, read from `docker compose config --format json`
 * (compose's own parser has resolved includes, extends, env files and short syntaxes by then).
 * fileSources: the `file:` of each secret and config, as compose resolved it (absolute), by
 * "secret token" / "config nginx".
 */
public record ComposeModel(String projectName, Map<String, Service> services, Map<String, Resource> networks,
                           Map<String, Resource> volumes, Map<String, String> fileSources) {

    public ComposeModel(String projectName, Map<String, Service> services, Map<String, Resource> networks,
                        Map<String, Resource> volumes) {
        this(projectName, services, networks, volumes, Map.of());
    }

    public record Port(int target, String protocol, String hostIp) {
    }

    /** A bind mount: its host path (compose has made it absolute) and whether it is read-only. */
    public record Bind(String source, String target, boolean readOnly) {
    }

    /**
     * A service; dependsOn maps each dependency to its condition, as compose's long syntax has it;
     * fixedAddresses maps a network to the ipv4_address / ipv6_address the service pins on it.
     */
    public record Service(String name, List<Port> ports, String containerName, List<String> networks,
                          String networkMode, Map<String, Map<String, Object>> dependsOn, List<Bind> binds,
                          Map<String, List<String>> fixedAddresses, Map<String, List<String>> aliases,
                          List<String> namedVolumes, List<String> profiles, boolean privileged, String pid,
                          List<String> links, List<String> volumesFrom, String ipc, Map<String, String> environment) {
        /**
         * What ties this service to another one's container (compose's `service:X` of
         * network_mode, ipc and pid, and volumes_from), as "network_mode: service:X"; empty if none.
         */
        public List<String> tiesTo(String other) {
            List<String> out = new ArrayList<>();
            if (("service:" + other).equals(networkMode)) out.add("network_mode: service:" + other);
            if (("service:" + other).equals(ipc)) out.add("ipc: service:" + other);
            if (("service:" + other).equals(pid)) out.add("pid: service:" + other);
            for (String v : volumesFrom) {
                String source = v.startsWith("service:") ? v.substring("service:".length()) : v;
                if (source.split(":")[0].equals(other) && !v.startsWith("container:")) out.add("volumes_from: " + other);
            }
            return out;
        }

        /** The services this one links to, each with the name it uses for it (the alias, or the service name). */
        public Map<String, String> linkNames() {
            Map<String, String> out = new TreeMap<>();
            for (String l : links) {
                String[] parts = l.split(":", 2);
                out.put(parts[0], parts.length == 2 ? parts[1] : parts[0]);
            }
            return out;
        }

        /**
         * Every name the service answers to on each network it joins: its service name, its
         * container_name, and the aliases declared there (the default network when it declares none).
         */
        public Map<String, List<String>> namesByNetwork() {
            Map<String, List<String>> out = new TreeMap<>();
            if (networkMode != null) {
                return out;
            }
            for (String net : networks.isEmpty() ? List.of("default") : networks) {
                java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(name));
                if (containerName != null) names.add(containerName);
                names.addAll(aliases.getOrDefault(net, List.of()));
                out.put(net, List.copyOf(names));
            }
            return out;
        }

        public List<PortRequest> portRequests() {
            return ports.stream().map(p -> new PortRequest(name, p.target(), p.protocol())).distinct().toList();
        }
    }

    /**
     * A top-level network or volume: its key, the Docker name compose gives it, whether it is
     * external, and (networks) the subnets its ipam config pins and whether it enables IPv6.
     */
    public record Resource(String key, String name, boolean external, List<String> subnets, boolean ipv6) {
        public Resource(String key, String name, boolean external, List<String> subnets) {
            this(key, name, external, subnets, false);
        }

        /** True when the user pinned a name, which would make every environment share one resource. */
        public boolean hasFixedName(String composeProject) {
            return !external && name != null && !name.equals(composeProject + "_" + key);
        }
    }

    @SuppressWarnings("unchecked")
    public static ComposeModel parse(String json) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Object loaded = new Yaml(options).load(json);
        if (!(loaded instanceof Map<?, ?> root)) {
            throw new PikoException("unexpected output from docker compose config");
        }
        Map<String, Service> services = new TreeMap<>();
        for (Map.Entry<String, Object> e : map(root.get("services")).entrySet()) {
            services.put(e.getKey(), service(e.getKey(), map(e.getValue())));
        }
        Map<String, String> files = new TreeMap<>();
        for (String kind : List.of("secret", "config")) {
            for (Map.Entry<String, Object> e : map(root.get(kind + "s")).entrySet()) {
                Object file = map(e.getValue()).get("file");
                if (file != null) files.put(kind + " " + e.getKey(), String.valueOf(file));
            }
        }
        return new ComposeModel(String.valueOf(root.get("name")), services,
                resources(map(root.get("networks"))), resources(map(root.get("volumes"))), files);
    }

    /**
     * The same project with these external networks and volumes (by key or Docker name) as piko
     * makes them for each environment: not external.
     */
    public ComposeModel isolating(java.util.Set<String> isolated) {
        return new ComposeModel(projectName, services, isolating(networks, isolated), isolating(volumes, isolated), fileSources);
    }

    private static Map<String, Resource> isolating(Map<String, Resource> resources, java.util.Set<String> isolated) {
        Map<String, Resource> out = new TreeMap<>(resources);
        out.replaceAll((key, r) -> r.external() && (isolated.contains(key) || r.name() != null && isolated.contains(r.name()))
                ? new Resource(key, null, false, r.subnets(), r.ipv6()) : r);
        return out;
    }

    /**
     * Why a service cannot run in another compose project than these others: each service (not
     * among them) that joins its namespaces or mounts its volumes, with what ties it, as
     * "side (network_mode: service:redis)".
     */
    public List<String> tiedTo(String service, java.util.Collection<String> alsoElsewhere) {
        List<String> out = new ArrayList<>();
        for (Service s : services.values()) {
            List<String> ties = s.name().equals(service) || alsoElsewhere.contains(s.name()) ? List.of() : s.tiesTo(service);
            if (!ties.isEmpty()) out.add(s.name() + " (" + String.join(", ", ties) + ")");
        }
        return out;
    }

    /** The names other services link to a service by, besides its own (links: ["redis:cache"] gives cache). */
    public List<String> linkAliases(String service) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Service s : services.values()) {
            String alias = s.linkNames().get(service);
            if (alias != null && !alias.equals(service)) out.add(alias);
        }
        return List.copyOf(out);
    }

    /** The same project with only the given services (networks and volumes unchanged). */
    public ComposeModel only(java.util.Collection<String> names) {
        Map<String, Service> kept = new TreeMap<>(services);
        kept.keySet().retainAll(names);
        return new ComposeModel(projectName, kept, networks, volumes, fileSources);
    }

    /**
     * The services compose starts by default under these active profiles (COMPOSE_PROFILES):
     * those without a profile, and those in an active one ("*" activates all).
     */
    public List<String> activeServices(java.util.Collection<String> activeProfiles) {
        return services.values().stream()
                .filter(s -> s.profiles().isEmpty() || activeProfiles.contains("*")
                        || s.profiles().stream().anyMatch(activeProfiles::contains))
                .map(Service::name).toList();
    }

    /** COMPOSE_PROFILES as compose reads it: a comma-separated list. */
    public static List<String> profilesFrom(String composeProfiles) {
        return composeProfiles == null ? List.of()
                : java.util.Arrays.stream(composeProfiles.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    public List<PortRequest> portRequests(java.util.Collection<String> serviceNames) {
        List<PortRequest> requests = new ArrayList<>();
        for (String name : serviceNames) {
            requests.addAll(services.get(name).portRequests());
        }
        return requests;
    }

    private static Service service(String name, Map<String, Object> s) {
        List<Port> ports = new ArrayList<>();
        for (Object o : list(s.get("ports"))) {
            Map<String, Object> p = map(o);
            Object target = p.get("target");
            if (target == null) continue;
            String protocol = p.get("protocol") == null ? "tcp" : String.valueOf(p.get("protocol"));
            String hostIp = p.get("host_ip") == null ? null : String.valueOf(p.get("host_ip"));
            ports.add(new Port(Integer.parseInt(String.valueOf(target)), protocol, hostIp));
        }
        Map<String, Map<String, Object>> deps = new LinkedHashMap<>();
        for (Map.Entry<String, Object> d : map(s.get("depends_on")).entrySet()) {
            deps.put(d.getKey(), map(d.getValue()));
        }
        Object containerName = s.get("container_name");
        Object networkMode = s.get("network_mode");
        List<Bind> binds = new ArrayList<>();
        List<String> namedVolumes = new ArrayList<>();
        for (Object o : list(s.get("volumes"))) {
            Map<String, Object> v = map(o);
            if ("volume".equals(v.get("type")) && v.get("source") != null) {
                namedVolumes.add(String.valueOf(v.get("source")));
            }
            if ("bind".equals(v.get("type")) && v.get("source") != null) {
                binds.add(new Bind(String.valueOf(v.get("source")), String.valueOf(v.get("target")),
                        Boolean.TRUE.equals(v.get("read_only"))));
            }
        }
        Map<String, List<String>> fixed = new TreeMap<>();
        Map<String, List<String>> aliases = new TreeMap<>();
        for (Map.Entry<String, Object> n : map(s.get("networks")).entrySet()) {
            List<String> declared = list(map(n.getValue()).get("aliases")).stream().map(String::valueOf).toList();
            if (!declared.isEmpty()) aliases.put(n.getKey(), declared);
            for (String key : List.of("ipv4_address", "ipv6_address")) {
                Object address = map(n.getValue()).get(key);
                if (address != null) {
                    fixed.computeIfAbsent(n.getKey(), k -> new ArrayList<>()).add(key + " " + address);
                }
            }
        }
        return new Service(name, ports, containerName == null ? null : String.valueOf(containerName),
                new ArrayList<>(map(s.get("networks")).keySet()),
                networkMode == null ? null : String.valueOf(networkMode), deps, binds, fixed, aliases, namedVolumes,
                list(s.get("profiles")).stream().map(String::valueOf).toList(),
                Boolean.TRUE.equals(s.get("privileged")), s.get("pid") == null ? null : String.valueOf(s.get("pid")),
                list(s.get("links")).stream().map(String::valueOf).toList(),
                list(s.get("volumes_from")).stream().map(String::valueOf).toList(),
                s.get("ipc") == null ? null : String.valueOf(s.get("ipc")), environment(s.get("environment")));
    }

    /** The service's environment as compose resolved it (a variable without a value left out). */
    private static Map<String, String> environment(Object section) {
        Map<String, String> out = new TreeMap<>();
        map(section).forEach((k, v) -> {
            if (v != null) out.put(k, String.valueOf(v));
        });
        return out;
    }

    private static Map<String, Resource> resources(Map<String, Object> section) {
        Map<String, Resource> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : section.entrySet()) {
            Map<String, Object> r = map(e.getValue());
            Object name = r.get("name");
            List<String> subnets = new ArrayList<>();
            for (Object c : list(map(r.get("ipam")).get("config"))) {
                Object subnet = map(c).get("subnet");
                if (subnet != null) {
                    subnets.add(String.valueOf(subnet));
                }
            }
            out.put(e.getKey(), new Resource(e.getKey(), name == null ? null : String.valueOf(name),
                    Boolean.TRUE.equals(r.get("external")), subnets, Boolean.TRUE.equals(r.get("enable_ipv6"))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
