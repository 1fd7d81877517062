package piko.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.model.Cidr;
import piko.model.ComposeModel;

/**
 * Gives the networks of one scope (an environment, or the shared project) their subnets from
 * piko's pool through the machine-wide record, and learns the subnets Docker holds when it
 * refuses one, so the next plan avoids them.
 */
final class NetworkSubnets {
    /**
     * How often a start is tried again when Docker refuses a subnet: each time the subnets of
     * Docker's networks are asked again, and only a network made meanwhile by another planner
     * (another machine-wide record, or a remote daemon's user) can be in the way again.
     */
    static final int REPLANS = 4;
    private final Workspace ws;
    private final AddressSpace docker;
    private List<Cidr> heldByDocker = List.of();
    private Map<String, Cidr> lastAssigned = Map.of();

    NetworkSubnets(Workspace ws, AddressSpace docker) {
        this.ws = ws;
        this.docker = docker;
    }

    /** The subnet of each network piko creates for these services (those parked elsewhere left out). */
    Map<String, Cidr> assign(String scope, ComposeModel model, Set<String> parked) {
        Set<String> networks = networksOf(model, parked);
        // planners of other machine-wide records start elsewhere in the pool, not all at its first subnet
        SubnetPlan plan = new SubnetPlan(SubnetPool.fromEnvironment(), scope, (ws.root() + "\0" + scope).hashCode());
        List<Cidr> routes = networks.isEmpty() ? List.of() : docker.hostRoutes();
        lastAssigned = ws.store().assignSubnets(scope, (existing, held) -> plan.plan(networks, existing, held, routes, heldByDocker));
        return lastAssigned;
    }

    /**
     * Whether a failed start is Docker refusing a subnet (it overlaps a network Docker has, which
     * the host's routes did not show); if so, the subnets of Docker's other networks are learnt.
     */
    boolean refused(PikoException e, String composeProject) {
        boolean said = String.valueOf(e.getMessage()).contains("Pool overlaps");
        if (!said && lastAssigned.isEmpty()) {
            return false;
        }
        // compose's words may be out of sight (on a terminal, or above the tail kept): an overlap is the proof
        List<Cidr> held = docker.networkSubnets(composeProject);
        if (!said && lastAssigned.values().stream().noneMatch(c -> held.stream().anyMatch(c::overlaps))) {
            return false;
        }
        heldByDocker = held;
        return true;
    }

    /** The keys of the networks compose creates for the services: not external, used by a service that starts here. */
    static Set<String> networksOf(ComposeModel model, Set<String> parked) {
        Set<String> used = new TreeSet<>();
        for (ComposeModel.Service s : model.services().values()) {
            if (!parked.contains(s.name())) {
                used.addAll(s.namesByNetwork().keySet());
            }
        }
        used.removeIf(key -> {
            ComposeModel.Resource r = model.networks().get(key);
            return r == null || r.external();
        });
        return used;
    }
}
