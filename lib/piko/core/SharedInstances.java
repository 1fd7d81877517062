package piko.core;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import piko.error.PikoException;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;
import piko.model.Labels;
import piko.model.PortAllocation;
import piko.text.TextFile;

/** The running shared instances: compose project piko-<project>-shared, started from the project root. */
public final class SharedInstances {
    private final Workspace ws;
    private final ComposeGateway docker;
    private final PortProbe probe;
    private final ProjectLock lock;
    private final SharedDeclaration declaration;
    private final Reporter out;
    private final NetworkSubnets subnets;

    public SharedInstances(Workspace ws, ComposeGateway docker, PortProbe probe, ProjectLock lock,
                           SharedDeclaration declaration, Reporter out) {
        this.ws = ws;
        this.docker = docker;
        this.probe = probe;
        this.lock = lock;
        this.declaration = declaration;
        this.out = out;
        this.subnets = new NetworkSubnets(ws, docker);
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

    /** The shared project with the root's compose files and its override, run from the root. */
    public ComposeTarget target() {
        ComposeFiles files = ws.composeFiles(ws.root());
        List<Path> all = new java.util.ArrayList<>(files.files());
        all.add(overrideFile());
        return new ComposeTarget(composeProject(), files.projectDirectory(), all);
    }

    /** The shared project's networks a service joins, by the names Docker knows them. */
    public List<String> networkNames(ComposeModel model, String service) {
        List<String> names = new java.util.ArrayList<>();
        for (String key : model.services().get(service).namesByNetwork().keySet()) {
            ComposeModel.Resource r = model.networks().get(key);
            boolean isolated = r != null && (ws.config().isolate().contains(key) || r.name() != null && ws.config().isolate().contains(r.name()));
            names.add(r != null && r.external() && !isolated ? r.name()
                    : key.equals("default") ? composeProject() : composeProject() + "_" + key);
        }
        return names;
    }

    /** The root's compose model, as the shared project reads it. */
    public ComposeModel rootModel() {
        ComposeFiles files = ws.composeFiles(ws.root()).requireExisting(ws.root().toString(), "fix 'compose:' in piko.yaml, or COMPOSE_FILE");
        ComposeTarget userOnly = new ComposeTarget(composeProject(), files.projectDirectory(), files.files());
        return docker.config(userOnly, Map.of());
    }

    /**
     * Starts the shared instances of these services unless they all run already (compose recreates
     * a container removed by hand), and waits until they run, or are healthy where they have a check.
     */
    public void ensureRunning(Collection<String> services) {
        if (services.isEmpty()) {
            return;
        }
        lock.holding(() -> {
            if (!runningServices().containsAll(services)) {
                Set<String> rendered = new TreeSet<>(declaration.instances());
                rendered.addAll(services);
                start(rootModel(), services, rendered);
                recordContainers(services);
            }
        });
    }

    /**
     * Renders the shared project with these instances and starts some of them, waiting until they
     * run; when Docker finds a host port taken (see PortConflict), re-plans the shared ports once,
     * says so, and starts again. Call holding the project lock: two processes would both create the
     * containers, and one would fail on the name.
     */
    public void start(ComposeModel rootModel, Collection<String> services, Set<String> instances) {
        ws.ownership(docker).requireOwn(composeProject(), "start a shared service in");
        Set<String> rendered = new TreeSet<>(instances);
        rendered.retainAll(rootModel.services().keySet());
        List<PortAllocation> planned = planAndRender(rootModel, rendered, PortConflict.NONE);
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    docker.composeUp(target(), List.copyOf(services), Map.of(), ComposeProjects.Up.START_AND_WAIT);
                    break;
                } catch (PikoException e) {
                    if (attempt >= NetworkSubnets.REPLANS || !subnets.refused(e, composeProject())) {
                        throw e;
                    }
                    planned = planAndRender(rootModel, rendered, PortConflict.NONE);
                }
            }
        } catch (PikoException e) {
            PortConflict conflict = PortConflict.of(e).orElseThrow(() -> e);
            if (!PortConflict.reportMoved(out, "shared ", planned, planAndRender(rootModel, rendered, conflict))) {
                throw e;
            }
            docker.composeUp(target(), List.copyOf(services), Map.of(), ComposeProjects.Up.START_AND_WAIT);
        }
    }

    /** Plans the shared ports (kept where they still can be) and writes the override; returns the ports. */
    private List<PortAllocation> planAndRender(ComposeModel rootModel, Set<String> rendered, PortConflict conflict) {
        ComposeModel model = rootModel.only(rendered);
        PortPlan plan = new PortPlan(ws.config().portBase(), ws.config().portBlock(), 0);
        List<PortAllocation> ports = ws.assignPorts(Names.SHARED, (existing, taken) ->
                plan.allocate(Names.SHARED, model.portRequests(model.services().keySet()), existing, taken, conflict.free(probe),
                        conflict.keep(probe, port -> docker.publishedPorts(composeProject()).contains(port))));
        Set<String> isolated = Set.copyOf(ws.config().isolate());
        TextFile.write(overrideFile(), OverrideFile.renderShared(rootModel, rendered, ws.project(), ports,
                subnets.assign(Names.SHARED, model.isolating(isolated), Set.of()), isolated));
        return ports;
    }

    /** Writes down the containers of these services' instances. */
    public void recordContainers(Collection<String> services) {
        Map<String, String> running = containers();
        for (String s : services) {
            ws.store().setSharedContainer(s, running.get(s));
        }
    }

    /**
     * What a failed share made goes again: its container (unless it ran before), its ports, and the
     * shared networks when no shared instance is left on them (the first share made them).
     */
    public void removeAfterFailedShare(String service, boolean wasRunning) {
        if (!wasRunning) {
            docker.composeRemove(ComposeTarget.byName(composeProject()), List.of(service));
            if (projectContainers().isEmpty()) {
                docker.composeDown(ComposeTarget.byName(composeProject()), false);
            }
        }
        forgetPorts(service);
    }

    /** The state no longer holds host ports for a service's instance. */
    public void forgetPorts(String service) {
        ws.assignPorts(Names.SHARED, (existing, taken) -> existing.entrySet().stream()
                .filter(e -> !e.getKey().service().equals(service))
                .map(e -> new PortAllocation(Names.SHARED, e.getKey().service(), e.getKey().target(),
                        e.getKey().protocol(), e.getValue())).toList());
    }

    /** Stops (and removes the containers of) instances that are neither declared nor used. */
    public void stopUnused(Collection<String> candidates) {
        lock.holding(() -> stopUnusedHoldingLock(candidates));
    }

    private void stopUnusedHoldingLock(Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> needed = declaration.instances();
        List<String> stop = candidates.stream().filter(s -> !needed.contains(s)).toList();
        Map<String, String> before = containers();
        List<String> running = before.keySet().stream().filter(stop::contains).toList();
        // networks are scarce (about 30 on a stock daemon): the last instance takes its network with it
        boolean networkLeft = before.keySet().stream().allMatch(running::contains) && networkExists();
        if (running.isEmpty() && !networkLeft) {
            return;
        }
        try {
            ws.ownership(docker).requireOwn(composeProject(), "stop");
        } catch (PikoException e) {
            out.warn(e.getMessage() + " (left running)");
            return;
        }
        if (!running.isEmpty()) {
            out.info("Stopping shared " + String.join(", ", running) + " ...");
            docker.composeRemove(ComposeTarget.byName(composeProject()), running);
            out.done("Stopped shared " + String.join(", ", running) + " (no environment uses it)");
        }
        if (networkLeft) {
            docker.composeDown(ComposeTarget.byName(composeProject()), false);
            out.done("Removed the shared network " + network() + " (no shared instance is left)");
        }
    }

    /** `piko down --shared`: removes every shared container and the shared network. */
    public void downAll(boolean volumes) {
        List<String> services = projectContainers().stream().map(Container::service).distinct().sorted().toList();
        boolean network = networkExists();
        if (services.isEmpty() && !volumes && !network) {
            out.info("No shared service instance of " + ws.project().name() + " exists: nothing to stop");
            return;
        }
        if (!services.isEmpty()) {
            out.info("Stopping shared " + String.join(", ", services) + " ...");
        }
        lock.holding(() -> {
            ws.ownership(docker).requireOwn(composeProject(), volumes ? "remove" : "stop");
            CommandJournal journal = CommandJournal.downShared(ws.store());
            journal.step(CommandJournal.ASKED + (volumes ? " --volumes" : ""));
            journal.step(CommandJournal.DOWN);
            docker.composeDown(ComposeTarget.byName(composeProject()), volumes);
            journal.end();
        });
        if (!services.isEmpty()) {
            out.done("Stopped and removed the shared " + String.join(", ", services) + (volumes ? ", and their volumes" : ""));
        } else {
            out.done("No shared instance was running; removed " + (network ? "the shared network" : "")
                    + (network && volumes ? " and " : "") + (volumes ? "any volumes of the shared services" : ""));
        }
    }

    /** `piko down --all`: stops the shared containers, keeping them (the next start relinks nothing); returns their services. */
    public List<String> stopAll() {
        return lock.holding(() -> {
            List<String> running = projectContainers().stream().filter(Container::running).map(Container::service)
                    .distinct().sorted().toList();
            if (!running.isEmpty()) {
                docker.composeStop(ComposeTarget.byName(composeProject()));
            }
            return running;
        });
    }

    public boolean networkExists() {
        return docker.networkExists(network());
    }

    /** Shared project containers by service name. */
    public Map<String, String> containers() {
        return projectContainers().stream()
                .collect(Collectors.toMap(Container::service, Container::name, (a, b) -> a, TreeMap::new));
    }

    public boolean isRunning(String service) {
        return runningServices().contains(service);
    }

    private Set<String> runningServices() {
        return projectContainers().stream().filter(Container::running).map(Container::service).collect(Collectors.toSet());
    }

    private List<Container> projectContainers() {
        return docker.containersWithLabel(Labels.COMPOSE_PROJECT + "=" + composeProject());
    }
}
