package piko.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import piko.model.ComposeModel;
import piko.model.Labels;

/**
 * The network links between shared instances and environments. Environment containers never join
 * the shared network. Instead each shared container joins, in each environment that uses it, the
 * counterparts of the networks it declares, under every name it answers to. Inside an environment a shared service's name then
 * resolves to the shared instance, every other name only to the environment's own containers, and
 * no container of one environment can reach another environment's containers (they share no network).
 */
public final class SharedLinks {
    private final Workspace ws;
    private final NetworkLinks docker;
    private final SharedDeclaration declaration;
    private final SharedInstances instances;

    public SharedLinks(Workspace ws, NetworkLinks docker, SharedDeclaration declaration, SharedInstances instances) {
        this.ws = ws;
        this.docker = docker;
        this.declaration = declaration;
        this.instances = instances;
    }

    /**
     * Attaches the shared container of each service, in every environment that uses it, to the
     * environment's counterpart of each network the service declares (the default network when it
     * declares none), under every name it answers to; detaches it from the environment's other
     * networks. Idempotent, and repairs links lost when a shared container was recreated.
     */
    public void relink(Collection<String> services) {
        plan(services).forEach(Runnable::run);
    }

    /**
     * Whether relink would change nothing and the environment has networks of its own already (its
     * containers were created): then starting it needs no create-only pass and no relink.
     */
    public boolean inPlace(String env, Collection<String> services) {
        Map<String, String> containers = instances.containers();
        return services.stream().allMatch(containers::containsKey) && plan(services).isEmpty()
                && docker.networksWithLabels(Labels.PROJECT + "=" + ws.project().name(),
                        List.of(Labels.ENVIRONMENT, Labels.COMPOSE_NETWORK)).values().stream().anyMatch(l -> l.get(0).equals(env));
    }

    /** The connects and disconnects relink makes, not made yet. */
    private List<Runnable> plan(Collection<String> services) {
        List<Runnable> steps = new java.util.ArrayList<>();
        Map<String, String> containers = instances.containers();
        Map<String, List<String>> networks = docker.networksWithLabels(Labels.PROJECT + "=" + ws.project().name(),
                List.of(Labels.ENVIRONMENT, Labels.COMPOSE_NETWORK));
        Map<String, List<String>> consumers = declaration.consumers();
        ComposeModel model = null;
        for (String service : services) {
            String container = containers.get(service);
            if (container == null) continue;
            model = model != null ? model : instances.rootModel();
            ComposeModel.Service declared = model.services().get(service);
            Map<String, List<String>> names = new java.util.TreeMap<>(
                    declared == null ? Map.of("default", List.of(service)) : declared.namesByNetwork());
            List<String> linked = model.linkAliases(service);
            names.replaceAll((net, own) -> java.util.stream.Stream.concat(own.stream(), linked.stream()).distinct().toList());
            List<String> users = SharedDeclaration.usersOf(consumers, service);
            List<String> attached = docker.containerNetworks(container);
            networks.forEach((net, labels) -> {
                if (!users.contains(labels.get(0))) return;
                List<String> aliases = names.get(labels.get(1));
                if (aliases != null && !attached.contains(net)) {
                    steps.add(() -> docker.connect(net, container, aliases));
                } else if (aliases == null && attached.contains(net)) {
                    steps.add(() -> docker.disconnect(net, container));
                }
            });
        }
        return steps;
    }

    /** Detaches every shared container from an environment's networks. */
    public void unlink(String env) {
        Map<String, String> networkToEnv = environmentNetworks();
        for (String container : instances.containers().values()) {
            List<String> attached = docker.containerNetworks(container);
            networkToEnv.forEach((net, owner) -> {
                if (owner.equals(env) && attached.contains(net)) {
                    docker.disconnect(net, container);
                }
            });
        }
    }

    /** Every network piko made for this project, with the environment it belongs to. */
    private Map<String, String> environmentNetworks() {
        return docker.networksWithLabel(Labels.PROJECT + "=" + ws.project().name(), Labels.ENVIRONMENT);
    }
}
