package piko.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import piko.config.PikoConfig;
import piko.config.PikoYamlEditor;
import piko.docker.Docker;
import piko.docker.HostPorts;
import piko.error.PikoException;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;
import piko.model.Environment;
import piko.model.Labels;
import piko.model.PortAllocation;

/**
 * Services run once, in compose project piko-<project>-shared, for every environment.
 *
 * Linking: environment containers never join the shared network. Instead each shared container
 * joins every network of each environment that uses it, under its service name as alias. Inside
 * an environment a shared service's name then resolves to the shared instance, every other name
 * only to the environment's own containers, and no container of one environment can reach
 * another environment's containers (they share no network).
 */
public final class SharedServices {
    private final Workspace ws;
    private final Docker docker;
    private final Reporter out;

    public SharedServices(Workspace ws, Docker docker, Reporter out) {
        this.ws = ws;
        this.docker = docker;
        this.out = out;
    }

    public String composeProject() {
        return Names.sharedComposeProject(ws.project().name());
    }

    /** The shared network: the shared project's default network. */
    public String network() {
        return composeProject();
    }

    private Path overrideFile() {
        return ws.root().resolve(Workspace.DIR).resolve("shared").resolve(OverrideFile.NAME);
    }

    /** The shared project with the root's compose file and its override, run from the root. */
    public ComposeTarget target() {
        return new ComposeTarget(composeProject(), ws.root(),
                List.of(ws.root().resolve(ws.composeFile()), overrideFile()));
    }

    /** Services marked shared now (piko.yaml, mirrored in the state). */
    public List<String> declared() {
        return ws.store().sharedServices(ws.project());
    }

    /** Environment name to the shared services it uses. */
    public Map<String, List<String>> consumers() {
        return ws.store().consumers(ws.project());
    }

    /** Services with a shared instance: declared ones, and isolated ones still in use. */
    public Set<String> instances() {
        Set<String> all = new TreeSet<>(declared());
        consumers().values().forEach(all::addAll);
        return all;
    }

    /**
     * Makes the state's list match piko.yaml (the declaration), and says what changed. An instance
     * that is no longer declared stops once no environment uses it.
     */
    public List<String> syncFromConfig() {
        if (Set.copyOf(declared()).equals(Set.copyOf(ws.config().shared()))) {
            return List.of();  // in sync: no lock on every command
        }
        return locked(() -> {
            List<String> listed = PikoConfig.load(ws.root()).shared();  // as it is now, not as this process read it
            List<List<String>> change = ws.store().replaceSharedServices(ws.project(), listed, network());
            List<String> said = new ArrayList<>();
            change.get(0).forEach(s -> said.add(s + " is now shared (listed in piko.yaml)"));
            change.get(1).forEach(s -> said.add(s + " is no longer shared (not in piko.yaml)"));
            if (!change.get(1).isEmpty()) {
                stopUnused(change.get(1));
            }
            return said;
        });
    }

    /**
     * Starts the service's shared instance, and only once it runs (or is healthy) lists it in
     * piko.yaml and the state: a failed share changes neither, and removes the container it made.
     */
    public void share(String service) {
        docker.requireCompose();
        ComposeModel model = rootModel();
        locked(() -> shareLocked(model, service));
    }

    private void shareLocked(ComposeModel model, String service) {
        List<String> listed = PikoConfig.load(ws.root()).shared();
        if (!model.services().containsKey(service)) {
            throw new PikoException("no service '" + service + "' in " + ws.composeFile(),
                    "its services: " + String.join(", ", model.services().keySet()));
        }
        Set<String> sharedAfter = new TreeSet<>(declared());
        sharedAfter.add(service);
        List<String> unshared = model.services().get(service).dependsOn().keySet().stream()
                .filter(d -> !sharedAfter.contains(d)).toList();
        if (!unshared.isEmpty()) {
            throw new PikoException(service + " depends on " + String.join(", ", unshared)
                    + ", which " + (unshared.size() == 1 ? "is" : "are") + " not shared: a shared instance cannot depend"
                    + " on one environment's services", "share " + String.join(" and ", unshared) + " first");
        }
        boolean already = declared().contains(service) && listed.contains(service);
        boolean networkExisted = docker.networkExists(network());
        boolean wasRunning = runningServices().contains(service);
        Set<String> rendered = new TreeSet<>(instances());
        rendered.add(service);
        try {
            ensureRunning(model, List.of(service), rendered);
        } catch (RuntimeException e) {
            if (!already) {
                undoFailedShare(service, wasRunning);
            }
            throw e;
        }
        if (already) {
            out.info(service + " is already shared");
        } else {
            List<String> list = new ArrayList<>(listed);
            list.add(service);
            PikoYamlEditor.writeShared(ws.config().file(), list);
            ws.store().replaceSharedServices(ws.project(), List.copyOf(sharedAfter), network());
            out.done("Marked " + service + " as shared");
        }
        recordContainers(List.of(service));
        if (!networkExisted) {
            out.done("Created shared network: " + network());
        }
        out.done("Started shared " + service + " container");
        relink(List.of(service));
    }

    /** What a failed share made goes again: its container (unless it ran before), its ports. */
    private void undoFailedShare(String service, boolean wasRunning) {
        out.warn("share " + service + " failed; removing what it started");
        try {
            if (!wasRunning) {
                docker.composeRemove(ComposeTarget.byName(composeProject()), List.of(service));
            }
            ws.assignPorts(Names.SHARED, (existing, taken) -> existing.entrySet().stream()
                    .filter(e -> !e.getKey().service().equals(service))
                    .map(e -> new PortAllocation(Names.SHARED, e.getKey().service(), e.getKey().target(),
                            e.getKey().protocol(), e.getValue())).toList());
        } catch (RuntimeException e) {
            out.warn("could not remove the shared " + service + " container: " + e.getMessage());
        }
    }

    public void isolate(String service) {
        locked(() -> isolateLocked(service));
    }

    private void isolateLocked(String service) {
        List<String> listed = PikoConfig.load(ws.root()).shared();
        if (!declared().contains(service) && !listed.contains(service)) {
            throw new PikoException(service + " is not shared", "see the shared services with: piko shared");
        }
        List<String> list = new ArrayList<>(listed);
        list.remove(service);
        PikoYamlEditor.writeShared(ws.config().file(), list);
        List<String> remaining = declared().stream().filter(s -> !s.equals(service)).toList();
        ws.store().replaceSharedServices(ws.project(), remaining, network());
        out.done("Marked " + service + " as isolated");
        List<String> users = usersOf(service);
        if (users.isEmpty()) {
            stopUnused(List.of(service));
        } else {
            out.info("The shared " + service + " keeps serving " + String.join(", ", users)
                    + " until " + (users.size() == 1 ? "it is" : "they are") + " destroyed; new environments run their own");
        }
    }

    private List<String> usersOf(String service) {
        return usersOf(consumers(), service);
    }

    /** The environments that use a service's shared instance, from an environment-to-services map. */
    static List<String> usersOf(Map<String, List<String>> consumers, String service) {
        return consumers.entrySet().stream().filter(e -> e.getValue().contains(service)).map(Map.Entry::getKey).toList();
    }

    /** Stops (and removes the containers of) instances that are neither declared nor used. */
    public void stopUnused(Collection<String> candidates) {
        locked(() -> stopUnusedLocked(candidates));
    }

    private void stopUnusedLocked(Collection<String> candidates) {
        Set<String> needed = instances();
        List<String> stop = candidates.stream().filter(s -> !needed.contains(s)).toList();
        List<String> running = containers().keySet().stream().filter(stop::contains).toList();
        if (running.isEmpty()) {
            return;
        }
        docker.composeRemove(ComposeTarget.byName(composeProject()), running);
        out.done("Stopped shared " + String.join(", ", running) + " (no environment uses it)");
    }

    /**
     * Starts the shared instances of these services unless they all run already (compose recreates
     * a container removed by hand), and waits until they run, or are healthy where they have a check.
     */
    public void ensureRunning(Collection<String> services) {
        if (services.isEmpty()) {
            return;
        }
        locked(() -> {
            if (!runningServices().containsAll(services)) {
                Set<String> rendered = new TreeSet<>(instances());
                rendered.addAll(services);
                ensureRunning(rootModel(), services, rendered);
                recordContainers(services);
            }
        });
    }

    /**
     * Runs work holding the project lock: piko.yaml's shared list and the shared instances change
     * one process at a time (two starts of the shared project would otherwise both create its
     * containers, and two shares would each write piko.yaml without the other's service).
     */
    private void locked(Runnable work) {
        ProjectLock.hold(ws.root(), out::waiting, work);
    }

    private <T> T locked(java.util.function.Supplier<T> work) {
        return ProjectLock.hold(ws.root(), out::waiting, work);
    }

    private Set<String> runningServices() {
        return projectContainers().stream().filter(Container::running).map(Container::service).collect(Collectors.toSet());
    }

    /** Renders the shared project with these instances and starts some of them, waiting until they run. */
    private void ensureRunning(ComposeModel rootModel, Collection<String> services, Set<String> instances) {
        Set<String> rendered = new TreeSet<>(instances);
        rendered.retainAll(rootModel.services().keySet());
        ComposeModel model = rootModel.only(rendered);
        PortPlan plan = new PortPlan(ws.config().portBase(), ws.config().portBlock(), 0);
        List<PortAllocation> ports = ws.assignPorts(Names.SHARED, (existing, taken) ->
                plan.allocate(Names.SHARED, model.portRequests(model.services().keySet()), existing, taken, HostPorts::isFree,
                        port -> HostPorts.isFree(port) || docker.publishedPorts(composeProject()).contains(port)));
        write(OverrideFile.render(model, ws.project().name(), Names.SHARED, ports, Set.of()));
        docker.composeUp(target(), List.copyOf(services), Map.of(), Docker.Up.START_AND_WAIT);
    }

    private void recordContainers(Collection<String> services) {
        Map<String, String> running = containers();
        for (String s : services) {
            ws.store().setSharedContainer(ws.project(), s, running.get(s));
        }
    }

    /** The root's compose model, as the shared project reads it. */
    public ComposeModel rootModel() {
        ComposeTarget userOnly = new ComposeTarget(composeProject(), ws.root(), List.of(ws.root().resolve(ws.composeFile())));
        return ComposeModel.parse(docker.composeConfigJson(userOnly, Map.of()));
    }

    /**
     * Attaches the shared containers of these services to every network of every environment
     * that uses them; idempotent, and repairs links lost when a shared container was recreated.
     */
    public void relink(Collection<String> services) {
        Map<String, String> containers = containers();
        Map<String, String> networkToEnv = environmentNetworks();
        Map<String, List<String>> consumers = consumers();
        for (String service : services) {
            String container = containers.get(service);
            if (container == null) continue;
            List<String> users = usersOf(consumers, service);
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
        for (String container : containers().values()) {
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

    /** `piko down --shared`: removes every shared container and the shared network. */
    public void downAll(boolean volumes) {
        locked(() -> docker.composeDown(ComposeTarget.byName(composeProject()), volumes));
        out.done("Stopped the shared services of " + ws.project().name() + (volumes ? " and removed their volumes" : ""));
    }

    private List<Container> projectContainers() {
        return docker.containersWithLabel(Labels.COMPOSE_PROJECT + "=" + composeProject());
    }

    /** Shared project containers by service name. */
    public Map<String, String> containers() {
        return projectContainers().stream()
                .collect(Collectors.toMap(Container::service, Container::name, (a, b) -> a, java.util.TreeMap::new));
    }

    private void write(String text) {
        try {
            Files.createDirectories(overrideFile().getParent());
            Files.writeString(overrideFile(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PikoException("cannot write " + overrideFile() + ": " + e.getMessage());
        }
    }
}
