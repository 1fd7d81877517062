package piko.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import piko.model.ComposeModel.Resource;
import piko.model.ComposeModel.Service;
import piko.text.JsonString;
import piko.model.ComposeModel;
import piko.model.Labels;
import piko.model.PortAllocation;
import piko.model.Project;

/**
 * The compose override piko writes into each worktree (docker-compose.piko.yml). It never edits the
 * user's file: it replaces published ports with the environment's own (the !override tag, because
 * compose merges port lists), renames fixed container, network and volume names that would collide
 * across environments, labels everything, and keeps services shared elsewhere from starting here.
 */
public final class OverrideFile {
    public static final String NAME = "docker-compose.piko.yml";
    /** Services shared elsewhere are parked in this profile, which piko never activates. */
    public static final String SHARED_PROFILE = "piko-shared-elsewhere";

    /**
     * On every container: its host ports as "target/protocol=host ..." (stopped containers publish
     * none), so `piko doctor` can take an environment back when the state is lost.
     */
    public static final String PORTS_LABEL = "dev.piko.ports";

    private final StringBuilder out = new StringBuilder();
    /** The shared project's: services, networks and volumes that compose should not see at all. */
    private Set<String> droppedServices = Set.of();
    private Set<String> keptNetworks;
    private Set<String> keptVolumes;
    /** The subnet piko planned for each network it creates (see NetworkSubnets). */
    private Map<String, piko.model.Cidr> subnets = Map.of();
    /** piko.yaml's isolate list: external networks and volumes each environment gets its own copy of. */
    private Set<String> isolated = Set.of();

    static String portsLabel(String service, List<PortAllocation> ports) {
        return String.join(" ", ports.stream().filter(a -> a.service().equals(service))
                .map(a -> a.target() + "/" + a.protocol() + "=" + a.hostPort()).toList());
    }

    /** The allocations a ports label records, for a service of a scope. */
    public static List<PortAllocation> parsePortsLabel(String scope, String service, String label) {
        List<PortAllocation> out = new java.util.ArrayList<>();
        for (String item : label == null ? new String[0] : label.trim().split("\\s+")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/(\\w+)=(\\d+)").matcher(item);
            if (m.matches()) {
                out.add(new PortAllocation(scope, service, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return out;
    }

    private OverrideFile() {
    }

    /**
     * @param shared services that run in the shared project instead of this environment
     */
    public static String render(ComposeModel model, Project project, String env, List<PortAllocation> ports,
                                Set<String> shared) {
        return render(model, project, env, ports, shared, Map.of(), Set.of());
    }

    /**
     * As above, with the subnet of each network (network key to subnet), and the external
     * networks and volumes (by key or Docker name) this environment gets its own copy of.
     */
    public static String render(ComposeModel model, Project project, String env, List<PortAllocation> ports,
                                Set<String> shared, Map<String, piko.model.Cidr> subnets) {
        return render(model, project, env, ports, shared, subnets, Set.of());
    }

    public static String render(ComposeModel model, Project project, String env, List<PortAllocation> ports,
                                Set<String> shared, Map<String, piko.model.Cidr> subnets, Set<String> isolated) {
        OverrideFile f = new OverrideFile();
        f.subnets = subnets;
        f.isolated = isolated;
        return render(f, model, project, env, ports, shared);
    }

    /**
     * The shared project's override: only the shared instances, and only the networks and volumes
     * they use (the rest is removed with !reset, so compose creates none of it).
     */
    public static String renderShared(ComposeModel full, Set<String> instances, Project project, List<PortAllocation> ports) {
        return renderShared(full, instances, project, ports, Map.of(), Set.of());
    }

    /** As above, with the subnet of each network (network key to subnet) and piko.yaml's isolate list. */
    public static String renderShared(ComposeModel full, Set<String> instances, Project project, List<PortAllocation> ports,
                                      Map<String, piko.model.Cidr> subnets, Set<String> isolated) {
        OverrideFile f = new OverrideFile();
        f.subnets = subnets;
        f.isolated = isolated;
        f.droppedServices = new java.util.TreeSet<>(full.services().keySet());
        f.droppedServices.removeAll(instances);
        f.keptNetworks = new java.util.TreeSet<>();
        f.keptVolumes = new java.util.TreeSet<>();
        for (String name : instances) {
            Service s = full.services().get(name);
            if (s == null) continue;
            f.keptNetworks.addAll(s.namesByNetwork().keySet());
            f.keptVolumes.addAll(s.namedVolumes());
        }
        return render(f, full, project, "shared", ports, Set.of());
    }

    private static String render(OverrideFile f, ComposeModel model, Project project, String env, List<PortAllocation> ports,
                                 Set<String> shared) {
        String composeProject = model.projectName();
        f.line(0, "# Generated by piko for environment " + env + " of project " + project.name()
                + ". Do not edit: piko create and piko up rewrite it.");
        f.line(0, "services:");
        for (Service s : model.services().values()) {
            if (f.droppedServices.contains(s.name())) {
                f.line(1, q(s.name()) + ": !reset null");
                continue;
            }
            f.line(1, q(s.name()) + ":");
            f.labels(2, project, env);
            if (shared.contains(s.name())) {
                f.line(2, "profiles: [" + q(SHARED_PROFILE) + "]");
                continue;
            }
            f.line(3, q(PORTS_LABEL) + ": " + q(portsLabel(s.name(), ports)));
            f.ports(s, ports);
            f.dependsOn(s, shared);
            f.links(s, shared);
            if (s.containerName() != null) {
                f.line(2, "container_name: " + q(composeProject + "-" + s.containerName()));
            }
            f.networks(s, model.networks());
        }
        f.resources("networks", model.networks(), composeProject, project, env);
        f.resources("volumes", model.volumes(), composeProject, project, env);
        return f.out.toString();
    }

    private void ports(Service s, List<PortAllocation> ports) {
        if (s.ports().isEmpty() || s.networkMode() != null && s.networkMode().equals("host")) {
            return;
        }
        line(2, "ports: !override");
        for (ComposeModel.Port p : s.ports()) {
            int host = ports.stream()
                    .filter(a -> a.service().equals(s.name()) && a.target() == p.target() && a.protocol().equals(p.protocol()))
                    .mapToInt(PortAllocation::hostPort).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no host port for " + s.name() + ":" + p.target()));
            line(3, "- target: " + p.target());
            line(4, "published: " + q(String.valueOf(host)));
            line(4, "protocol: " + q(p.protocol()));
            if (p.hostIp() != null) {
                line(4, "host_ip: " + q(p.hostIp()));
            }
        }
    }

    /**
     * Keeps a renamed container_name reachable under its old name on piko's own networks (on an
     * external one it would answer for every environment), and drops pinned addresses: the
     * networks' fixed subnets are replaced too (see resources), so each environment gets its own.
     */
    private void networks(Service s, Map<String, Resource> declared) {
        boolean alias = s.containerName() != null && s.networkMode() == null;
        List<String> nets = s.networks().stream().filter(net -> alias && own(declared.get(net))
                || !s.fixedAddresses().getOrDefault(net, List.of()).isEmpty()).toList();
        if (nets.isEmpty()) {
            return;
        }
        line(2, "networks:");
        for (String net : nets) {
            List<String> fixed = s.fixedAddresses().getOrDefault(net, List.of());
            line(3, q(net) + ":");
            if (alias && own(declared.get(net))) {
                line(4, "aliases: [" + q(s.containerName()) + "]");
            }
            for (String address : fixed) {
                line(4, address.substring(0, address.indexOf(' ')) + ": !reset null");
            }
        }
    }

    /** A network piko makes per environment (null: compose's default one). */
    private boolean own(Resource r) {
        return r == null || !r.external() || isolates(r);
    }

    private boolean isolates(Resource r) {
        return r.external() && (isolated.contains(r.key()) || r.name() != null && isolated.contains(r.name()));
    }

    /**
     * Drops links to shared services: a link is only a name, which the shared instance answers to
     * on the environment's networks (SharedLinks), its alias included.
     */
    private void links(Service s, Set<String> shared) {
        List<String> kept = s.links().stream().filter(l -> !shared.contains(l.split(":", 2)[0])).toList();
        if (kept.size() == s.links().size()) {
            return;
        }
        line(2, kept.isEmpty() ? "links: !reset []"
                : "links: !override [" + String.join(", ", kept.stream().map(OverrideFile::q).toList()) + "]");
    }

    /** Drops dependencies on shared services: those are satisfied by the shared instance. */
    private void dependsOn(Service s, Set<String> shared) {
        if (s.dependsOn().keySet().stream().noneMatch(shared::contains)) {
            return;
        }
        Map<String, Map<String, Object>> kept = new java.util.TreeMap<>(s.dependsOn());
        kept.keySet().removeAll(shared);
        if (kept.isEmpty()) {
            line(2, "depends_on: !reset {}");
            return;
        }
        line(2, "depends_on: !override");
        for (Map.Entry<String, Map<String, Object>> d : kept.entrySet()) {
            line(3, q(d.getKey()) + ":");
            for (Map.Entry<String, Object> attr : new java.util.TreeMap<>(d.getValue()).entrySet()) {
                Object v = attr.getValue();
                line(4, attr.getKey() + ": " + (v instanceof Boolean ? v.toString() : q(String.valueOf(v))));
            }
        }
    }

    private void resources(String section, Map<String, Resource> resources, String composeProject, Project project,
                           String env) {
        Set<String> kept = section.equals("networks") ? keptNetworks : keptVolumes;
        List<Resource> dropped = resources.values().stream().filter(r -> kept != null && !kept.contains(r.key())).toList();
        List<Resource> own = resources.values().stream().filter(r -> (!r.external() || isolates(r)) && !dropped.contains(r)).toList();
        if (own.isEmpty() && dropped.isEmpty()) {
            return;
        }
        line(0, section + ":");
        for (Resource r : dropped) {
            line(1, q(r.key()) + ": !reset null");
        }
        for (Resource r : own) {
            line(1, q(r.key()) + ":");
            if (r.external()) {
                line(2, "external: false");
                line(2, "name: " + q(composeProject + "_" + r.key()));
            } else if (section.equals("networks") && r.key().equals("default")) {
                line(2, "name: " + q(composeProject));
            } else if (r.hasFixedName(composeProject)) {
                line(2, "name: " + q(composeProject + "_" + r.key()));
            }
            piko.model.Cidr subnet = section.equals("networks") ? subnets.get(r.key()) : null;
            if (subnet != null) {
                line(2, "ipam: !override");
                line(3, "config:");
                line(4, "- subnet: " + q(subnet.toString()));
                if (r.ipv6()) {  // its IPv6 subnet from piko's pool too, unless that is off (then Docker's pools give one)
                    Ipv6Pool.fromEnvironment().ifPresent(pool -> line(4, "- subnet: " + q(pool.subnetFor(subnet))));
                }
            } else if (section.equals("networks") && !r.subnets().isEmpty()) {
                line(2, "ipam: !reset {}");
            }
            labels(2, project, env);
        }
    }

    private void labels(int indent, Project project, String env) {
        line(indent, "labels:");
        line(indent + 1, q(Labels.PROJECT) + ": " + q(project.name()));
        line(indent + 1, q(Labels.ENVIRONMENT) + ": " + q(env));
        line(indent + 1, q(Labels.IDENTITY) + ": " + q(project.identity()));
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    static String q(String s) {
        return JsonString.quote(s);
    }
}
