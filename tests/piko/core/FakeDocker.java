package piko.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.model.Cidr;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;
import piko.model.Labels;

/**
 * Docker and Compose for flow tests, in memory, as Docker behaves (the objects are in
 * FakeDockerObjects): up creates and starts, stop stops, down removes containers and networks,
 * label filters as docker's; and a failure at any chosen call. Removing a network that still has a
 * container of another project attached fails, as in Docker.
 */
final class FakeDocker extends FakeDockerObjects implements ComposeGateway {
    private final FakeFaults faults = new FakeFaults();
    final List<String> calls = faults.calls;
    FakeDocker(String pikoProject, ComposeModel model) {
        super(pikoProject, model);
    }

    /** The n-th call (1-based) of this operation fails. */
    FakeDocker failing(String op, int n) {
        return failing(op, n, "fake " + op + " failed");
    }

    /** The n-th call (1-based) of this operation fails with this message (as Docker words it). */
    FakeDocker failing(String op, int n, String message) {
        faults.fail(op, n, message);
        return this;
    }

    /** The first call of this operation kills piko (an Error: nothing is caught, nothing undone). */
    FakeDocker crashing(String op) {
        return crashing(op, 1);
    }

    /** The n-th call (1-based) of this operation kills piko. */
    FakeDocker crashing(String op, int n) {
        faults.crash(op, n);
        return this;
    }

    /** Runs action when this operation is called (a signal arriving while docker works). */
    FakeDocker onCall(String op, Runnable action) {
        return onCall(op, 1, action);
    }

    /** Runs action at the n-th call (1-based) of this operation. */
    FakeDocker onCall(String op, int n, Runnable action) {
        faults.before(op, n, action);
        return this;
    }

    /**
     * False while the fixture runs the sync of piko.yaml every command does first: the n-th call of
     * failing, crashing and onCall counts from the command's own work.
     */
    boolean counting = true;

    private void call(String op, String detail) {
        if (!counting) {
            calls.add(op + " " + detail);
            return;
        }
        faults.call(op, detail);
    }

    /** piko killed (SIGKILL, power cut) in the middle of a call. */
    static final class Crash extends Error {
    }

    @Override public void requireCompose() { call("requireCompose", ""); }
    @Override public void requireDaemon() { call("requireDaemon", ""); }

    @Override
    public ComposeModel config(ComposeTarget target, Map<String, String> env) {
        call("config", target.projectName());
        return new ComposeModel(target.projectName(), model.services(), model.networks(), model.volumes());
    }

    @Override
    public void composeUp(ComposeTarget target, List<String> services, Map<String, String> env, Up how) {
        call("up", target.projectName() + " " + how + " " + services);
        String project = target.projectName();
        model.volumes().keySet().forEach(v -> volumes.putIfAbsent(project + "_" + v, project));
        networks.computeIfAbsent(project, n -> labels(project, Map.of(Labels.COMPOSE_NETWORK, "default")));
        Set<String> made = projects.computeIfAbsent(project, k -> new TreeSet<>());
        for (String s : services) {
            made.add(s);
            String c = container(project, s);
            attached.computeIfAbsent(c, k -> new TreeSet<>()).add(project);
            aliases.putIfAbsent(project + " " + c, List.of(s));
            states.put(c, how == Up.CREATE_ONLY && !"running".equals(states.get(c)) ? "created" : "running");
        }
    }

    @Override
    public void composeRemove(ComposeTarget target, List<String> services) {
        call("remove", target.projectName() + " " + services);
        for (String s : services) {
            if (projects.getOrDefault(target.projectName(), Set.of()).contains(s)) {
                removes(container(target.projectName(), s));
            }
        }
    }

    @Override
    public void composeStop(ComposeTarget target) {
        call("stop", target.projectName());
        projects.getOrDefault(target.projectName(), Set.of()).forEach(s -> exits(container(target.projectName(), s), 0));
    }

    @Override
    public void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env) {
        call("restart", target.projectName());
        projects.getOrDefault(target.projectName(), Set.of()).stream().filter(s -> services.isEmpty() || services.contains(s))
                .forEach(s -> states.put(container(target.projectName(), s), "running"));
    }

    @Override
    public void composeDown(ComposeTarget target, boolean volumes, Duration stopTimeout) {
        call("down", target.projectName() + (volumes ? " volumes" : ""));
        String net = target.projectName();
        for (Map.Entry<String, Set<String>> a : attached.entrySet()) {
            if (!a.getKey().startsWith(net + "-") && a.getValue().contains(net)) {
                throw new PikoException("error while removing network " + net + ": network has active endpoints");
            }
        }
        if (volumes) {
            this.volumes.values().removeIf(target.projectName()::equals);
        }
        Set<String> services = projects.remove(target.projectName());
        if (services != null) {
            services.forEach(s -> {
                String c = container(target.projectName(), s);
                attached.remove(c);
                states.remove(c);
                aliases.keySet().removeIf(k -> k.endsWith(" " + c));
            });
        }
        List.copyOf(networks.keySet()).stream().filter(n -> n.equals(net) || n.startsWith(net + "_")).forEach(this::removesNetwork);
    }

    @Override
    public Map<String, String> networksWithLabel(String label, String valueOf) {
        call("networks", label);
        Map<String, String> out = new TreeMap<>();
        networks.forEach((name, labels) -> {
            if (matches(labels, label)) out.put(name, labels.getOrDefault(valueOf, ""));
        });
        return out;
    }

    @Override
    public Map<String, List<String>> networksWithLabels(String label, List<String> valuesOf) {
        call("networks", label);
        Map<String, List<String>> out = new TreeMap<>();
        networks.forEach((name, labels) -> {
            if (matches(labels, label)) out.put(name, valuesOf.stream().map(k -> labels.getOrDefault(k, "")).toList());
        });
        return out;
    }

    @Override
    public List<String> containerNetworks(String container) {
        call("inspect", container);
        return List.copyOf(attached.getOrDefault(container, Set.of()));
    }

    @Override
    public boolean networkExists(String name) {
        call("networkExists", name);
        return networks.containsKey(name);
    }

    @Override
    public void connect(String network, String container, List<String> aliases) {
        call("connect", network + " " + container);
        if (!networks.containsKey(network)) {
            throw new PikoException("Error response from daemon: network " + network + " not found");
        }
        attached.computeIfAbsent(container, k -> new TreeSet<>()).add(network);
        this.aliases.put(network + " " + container, List.copyOf(aliases));
    }

    @Override
    public void disconnect(String network, String container) {
        call("disconnect", network + " " + container);
        attached.getOrDefault(container, new TreeSet<>()).remove(network);
        aliases.remove(network + " " + container);
    }

    @Override
    public List<Container> containersOfProject(String project) {
        call("ps", project);
        List<Container> out = new ArrayList<>();
        projects.forEach((p, services) -> services.forEach(s -> {
            String c = container(p, s);
            String state = states.getOrDefault(c, "running");
            String status = switch (state) {
                case "running" -> "Up 2 minutes";
                case "exited" -> "Exited (" + exitCodes.getOrDefault(c, 0) + ") 5 seconds ago";
                default -> "Created";
            };
            out.add(new Container(c, c, p, s, envOf(p), state, status, pikoProject, List.copyOf(attached.getOrDefault(c, Set.of()))));
        }));
        return project.equals(pikoProject) ? out : List.of();
    }

    @Override
    public Map<String, Instant> startTimes(List<String> containers) {
        return Map.of();
    }

    @Override
    public List<Cidr> hostRoutes() {
        return List.of();
    }

    @Override
    public List<Cidr> networkSubnets(String exceptComposeProject) {
        return List.of();
    }

    @Override
    public List<Container> containersWithLabel(String label) {
        String project = label.substring(label.indexOf('=') + 1);
        return containersOfProject(pikoProject).stream().filter(c -> c.composeProject().equals(project)).toList();
    }

    @Override
    public String composeLogs(ComposeTarget target, List<String> services, int tail, Map<String, String> env) {
        call("logs", target.projectName());
        return "";
    }

    @Override
    public List<String> failedServices(String composeProject, Instant startedSince) {
        call("failed", composeProject);
        return List.of();
    }

    @Override
    public List<Map<String, String>> labelled(Kind kind, String label, List<String> keys) {
        call("labelled", kind + " " + label);
        return rows(kind, o -> matches(o.labels(), label), keys);
    }

    @Override
    public List<Map<String, String>> named(Kind kind, String prefix, List<String> keys) {
        call("named", kind + " " + prefix);
        return rows(kind, o -> o.name().startsWith(prefix), keys);
    }

    /** Every object Docker holds (this checkout's and the planted ones) of a kind that passes a test, as rows. */
    private List<Map<String, String>> rows(Kind kind, java.util.function.Predicate<Ownership.DockerObject> test, List<String> keys) {
        List<Ownership.DockerObject> all = new ArrayList<>(planted);
        projects.forEach((p, services) -> services.forEach(s ->
                all.add(new Ownership.DockerObject(Kind.CONTAINER, container(p, s), labels(p, Map.of(Labels.COMPOSE_SERVICE, s))))));
        networks.forEach((n, labels) -> all.add(new Ownership.DockerObject(Kind.NETWORK, n, labels)));
        volumes.forEach((v, p) -> all.add(new Ownership.DockerObject(Kind.VOLUME, v, labels(p, Map.of()))));
        List<Map<String, String>> out = new ArrayList<>();
        for (Ownership.DockerObject o : all) {
            if (o.kind() == kind && test.test(o)) {
                Map<String, String> row = new HashMap<>();
                row.put("name", o.name());
                keys.forEach(k -> row.put(k, o.labels().getOrDefault(k, "")));
                out.add(row);
            }
        }
        return out;
    }

    @Override
    public void removeVolumes(List<String> names) {
        call("removeVolumes", names.toString());
        names.forEach(volumes::remove);
    }

    @Override
    public Set<Integer> publishedPorts(String composeProject) {
        call("published", composeProject);
        return Set.of();
    }

    @Override public List<String> anonymousVolumes(String composeProject) { return List.of(); }
    @Override public Map<String, Integer> runningCommands(String composeProject) { return Map.of(); }

    @Override
    public List<String> builtImages(String composeProject) {
        call("images", composeProject);
        return List.of();
    }

    @Override
    public boolean removeImages(List<String> images) {
        call("removeImages", images.toString());
        return true;
    }
}
