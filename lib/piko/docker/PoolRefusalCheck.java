package piko.docker;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Result;
import piko.model.Cidr;
import piko.model.ComposeModel;

/**
 * Docker's address-pool refusal found after a compose up that drew its progress on piko's terminal
 * (compose needs the terminal for that, so its words are not piko's to read): a network the up
 * needed is missing, it asks Docker's pools for a subnet (no IPv4 subnet in its ipam config, or
 * IPv6 enabled without an IPv6 one), and Docker refuses a network asked the same way now. The
 * probe network, when Docker does give one, is removed at once.
 */
final class PoolRefusalCheck {
    static final String PROBE_LABEL = "dev.piko.probe";
    private final DockerCli cli;

    PoolRefusalCheck(DockerCli cli) {
        this.cli = cli;
    }

    /** The refusal, as the plain path gives it, when that is why the up failed. */
    Optional<PikoException> after(ComposeModel model, List<String> services) {
        Set<String> existing = networkNames();
        if (existing == null) {
            return Optional.empty();
        }
        for (ComposeModel.Resource r : needed(model, services)) {
            String name = r.name() == null ? model.projectName() + "_" + r.key() : r.name();
            boolean ipv4FromDocker = r.subnets().stream().noneMatch(s -> Cidr.parse(s).isPresent());
            boolean ipv6FromDocker = r.ipv6() && r.subnets().stream().noneMatch(s -> s.contains(":"));
            if (existing.contains(name) || !ipv4FromDocker && !ipv6FromDocker) {
                continue;
            }
            Optional<PikoException> refused = probe(name, ipv4FromDocker, ipv6FromDocker, existing.size());
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /** The names of Docker's networks, asked anew (compose may have made some before it failed); null when Docker cannot say. */
    private Set<String> networkNames() {
        cli.runner();
        Result api = cli.apiRead("/networks", java.util.Map.of(), null);
        if (api != null) {
            return api.ok() ? new TreeSet<>(EngineRows.labelled(piko.core.LabelledObjects.Kind.NETWORK, api.stdout(), List.of())
                    .stream().map(row -> row.get("name")).toList()) : null;
        }
        Result listed = cli.run(cli.quick(List.of("docker", "network", "ls", "--format", "{{.Name}}")));
        return listed.ok() ? new TreeSet<>(listed.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) : null;
    }

    /** The networks compose creates for these services (all of them when none is named): declared, not external. */
    private static List<ComposeModel.Resource> needed(ComposeModel model, List<String> services) {
        Set<String> keys = new TreeSet<>();
        model.services().values().stream().filter(s -> services.isEmpty() || services.contains(s.name()))
                .forEach(s -> keys.addAll(s.namesByNetwork().keySet()));
        return keys.stream().map(model.networks()::get).filter(r -> r != null && !r.external()).toList();
    }

    private Optional<PikoException> probe(String network, boolean ipv4FromDocker, boolean ipv6FromDocker, int count) {
        String probe = network + "-piko-probe-" + ProcessHandle.current().pid();
        List<String> cmd = new java.util.ArrayList<>(List.of("docker", "network", "create", "--label", PROBE_LABEL + "=true"));
        if (ipv6FromDocker) {
            cmd.add("--ipv6");
        }
        if (!ipv4FromDocker) {
            cmd.addAll(List.of("--subnet", "192.0.2.0/29"));  // TEST-NET-1: only the IPv6 pool is asked
        }
        cmd.add(probe);
        Result r = cli.run(cli.quick(cmd));
        if (r.ok()) {
            cli.run(cli.quick(List.of("docker", "network", "rm", probe)));
            return Optional.empty();
        }
        return AddressPools.refusal("Network " + network + " Creating\n" + r.output(), () -> count);
    }
}
