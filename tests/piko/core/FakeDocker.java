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
 * Docker and Compose for flow tests, in memory, as Docker behaves: compose projects with their
 * containers (running, stopped by `stop`, exited with a code, created only), their networks with
 * labels, network attachments with aliases, volumes; and a failure at any chosen call. Removing a
 * network that still has a container of another project attached fails, as in Docker.
 */
final class FakeDocker implements ComposeGateway {
    private final FakeFaults faults = new FakeFaults();
    final List<String> calls = faults.calls;
    /** compose project -> services with a container */
    final Map<String, Set<String>> projects = new TreeMap<>();
    /** container -> networks it is attached to */
    final Map<String, Set<String>> attached = new TreeMap<>();
    /** container -> its state as docker ps gives it (running, exited, created), and the code it exited with */
    final Map<String, String> states = new TreeMap<>();
    private final Map<String, Integer> exitCodes = new HashMap<>();
    /** network -> its labels */
    final Map<String, Map<String, String>> networks = new TreeMap<>();
    /** "network container" -> the aliases the container has there */
    final Map<String, List<String>> aliases = new TreeMap<>();
    /** Volumes by name, each with its compose project (made by `up` for the model's volumes). */
    final Map<String, String> volumes = new TreeMap<>();
    /** Objects of other checkouts (or of no piko at all) that Docker holds too. */
    final List<Ownership.DockerObject> planted = new ArrayList<>();
    /** The identity label this checkout's piko puts on what it makes. */
    String identity = "";
    private final String pikoProject;
    private final ComposeModel model;

    FakeDocker(String pikoProject, ComposeModel model) {
        this.pikoProject = pikoProject;
        this.model = model;
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

    private void call(String op, String detail) {
        faults.call(op, detail);
    }

    /** piko killed (SIGKILL, power cut) in the middle of a call. */
    static final class Crash extends Error {
    }

    static String container(String project, String service) {
        return project + "-" + service + "-1";
    }

    /** A container stopped on its own (it crashed, or finished its work) with this exit code. */
    FakeDocker exits(String container, int code) {
        states.put(container, "exited");
        exitCodes.put(container, code);
        return this;
    }

    /** A container removed behind piko's back (docker rm -f). */
    FakeDocker removes(String container) {
        String project = states.containsKey(container) ? projectOf(container) : null;
        states.remove(container);
        attached.remove(container);
        aliases.keySet().removeIf(k -> k.endsWith(" " + container));
        if (project != null) {
            projects.get(project).removeIf(s -> container(project, s).equals(container));
        }
        return this;
    }

    /** A network removed behind piko's back (docker network rm, once nothing is attached). */
    FakeDocker removesNetwork(String network) {
        networks.remove(network);
        attached.values().forEach(nets -> nets.remove(network));
        aliases.keySet().removeIf(k -> k.startsWith(network + " "));
        return this;
    }

    /** A container compose made anew (its configuration changed): on its own project's network only. */
    FakeDocker recreates(String container) {
        String project = projectOf(container);
        attached.put(container, new TreeSet<>(Set.of(project)));
        aliases.keySet().removeIf(k -> k.endsWith(" " + container) && !k.startsWith(project + " "));
        return this;
    }

    private String projectOf(String container) {
        return projects.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(s -> container(e.getKey(), s).equals(container)))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no container " + container));
    }

    /** The environment a compose project of this piko project belongs to. */
    private String envOf(String composeProject) {
        return composeProject.substring(("piko-" + pikoProject + "-").length());
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
        List<Ownership.DockerObject> all = new ArrayList<>(planted);
        projects.forEach((p, services) -> services.forEach(s ->
                all.add(new Ownership.DockerObject(Kind.CONTAINER, container(p, s), labels(p, Map.of(Labels.COMPOSE_SERVICE, s))))));
        networks.forEach((n, labels) -> all.add(new Ownership.DockerObject(Kind.NETWORK, n, labels)));
        volumes.forEach((v, p) -> all.add(new Ownership.DockerObject(Kind.VOLUME, v, labels(p, Map.of()))));
        List<Map<String, String>> out = new ArrayList<>();
        for (Ownership.DockerObject o : all) {
            if (o.kind() == kind && matches(o.labels(), label)) {
                Map<String, String> row = new HashMap<>();
                row.put("name", o.name());
                keys.forEach(k -> row.put(k, o.labels().getOrDefault(k, "")));
                out.add(row);
            }
        }
        return out;
    }

    /** Whether labels hold a label filter's key (and its value, for key=value), as docker's --filter label= does. */
    private static boolean matches(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    /** The labels of what this checkout's piko made for a compose project, as the override gives them. */
    private Map<String, String> labels(String composeProject, Map<String, String> more) {
        Map<String, String> labels = new HashMap<>(more);
        labels.put(Labels.COMPOSE_PROJECT, composeProject);
        labels.put(Labels.PROJECT, pikoProject);
        labels.put(Labels.IDENTITY, identity);
        if (composeProject.startsWith("piko-" + pikoProject + "-")) {
            labels.put(Labels.ENVIRONMENT, envOf(composeProject));
        }
        return labels;
    }

    /** Another checkout's object: its identity, and its compose project. */
    FakeDocker plant(Kind kind, String name, String composeProject, String otherIdentity) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.COMPOSE_PROJECT, composeProject,
                Labels.PROJECT, pikoProject, Labels.IDENTITY, otherIdentity));
        if (composeProject.startsWith("piko-" + pikoProject + "-")) {
            labels.put(Labels.ENVIRONMENT, envOf(composeProject));
        }
        planted.add(new Ownership.DockerObject(kind, name, labels));
        return this;
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
