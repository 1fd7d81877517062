package piko.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import piko.model.Labels;

/**
 * The network links between shared instances and environments. Environment containers never join
 * the shared network. Instead each shared container joins every network of each environment that
 * uses it, under its service name as alias. Inside an environment a shared service's name then
 * resolves to the shared instance, every other name only to the environment's own containers, and
 * no container of one environment can reach another environment's containers (they share no network).
 */
public final class SharedLinks {
    private final Workspace ws;
    private final ComposeGateway docker;
    private final SharedDeclaration declaration;
    private final SharedInstances instances;

    public SharedLinks(Workspace ws, ComposeGateway docker, SharedDeclaration declaration, SharedInstances instances) {
        this.ws = ws;
        this.docker = docker;
        this.declaration = declaration;
        this.instances = instances;
    }

    /**
     * Attaches the shared containers of these services to every network of every environment
     * that uses them; idempotent, and repairs links lost when a shared container was recreated.
     */
    public void relink(Collection<String> services) {
        Map<String, String> containers = instances.containers();
        Map<String, String> networkToEnv = environmentNetworks();
        Map<String, List<String>> consumers = declaration.consumers();
        for (String service : services) {
            String container = containers.get(service);
            if (container == null) continue;
            List<String> users = SharedDeclaration.usersOf(consumers, service);
            List<String> attached = docker.containerNetworks(container);
            networkToEnv.forEach((net, env) -> {
                if (users.contains(env) && !attached.contains(net)) {
                    docker.connect(net, container, service);
                }
            });
        }
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
