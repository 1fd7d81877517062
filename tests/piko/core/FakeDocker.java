package piko.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;
import piko.model.Labels;

/**
 * Docker and Compose for flow tests, in memory: compose projects with their containers and default
 * network, network attachments, and a failure at any chosen call (operation name and occurrence).
 * Removing a network that still has a container of another project attached fails, as in Docker.
 */
final class FakeDocker implements ComposeGateway {
    final List<String> calls = new ArrayList<>();
    /** compose project -> services with a container */
    final Map<String, Set<String>> projects = new TreeMap<>();
    /** container -> networks it is attached to */
    final Map<String, Set<String>> attached = new TreeMap<>();
    /** Volumes by name, each with its compose project (made by `up` for the model's volumes). */
    final Map<String, String> volumes = new TreeMap<>();
    /** Objects of other checkouts (or of no piko at all) that Docker holds too. */
    final List<Ownership.DockerObject> planted = new ArrayList<>();
    /** The identity label this checkout's piko puts on what it makes. */
    String identity = "";
    private final String pikoProject;
    private final ComposeModel model;
    private String failOp;
    private int failAt;
    private String failMessage;
    private int seen;
    private String crashOp;
    private Runnable before = () -> { };
    private String beforeOp;
    private int crashAt = 1;
    private int beforeAt = 1;
    private int beforeSeen;
    private int crashSeen;

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
        failOp = op;
        failAt = n;
        failMessage = message;
        seen = 0;
        return this;
    }

    /** The first call of this operation kills piko (an Error: nothing is caught, nothing undone). */
    FakeDocker crashing(String op) {
        return crashing(op, 1);
    }

    /** The n-th call (1-based) of this operation kills piko. */
    FakeDocker crashing(String op, int n) {
        crashOp = op;
        crashAt = n;
        crashSeen = 0;
        return this;
    }

    /** Runs action when this operation is called (a signal arriving while docker works). */
    FakeDocker onCall(String op, Runnable action) {
        return onCall(op, 1, action);
    }

    /** Runs action at the n-th call (1-based) of this operation. */
    FakeDocker onCall(String op, int n, Runnable action) {
        beforeOp = op;
        beforeAt = n;
        beforeSeen = 0;
        before = action;
        return this;
    }

    private void call(String op, String detail) {
        calls.add(op + " " + detail);
        if (op.equals(beforeOp) && ++beforeSeen >= beforeAt) {
            beforeOp = null;
            before.run();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new PikoException("interrupted while running docker");  // as ProcessRunner does
        }
        if (op.equals(crashOp) && ++crashSeen >= crashAt) {
            throw new Crash();
        }
        if (op.equals(failOp) && ++seen == failAt) {
            throw new PikoException(failMessage);
        }
    }

    /** piko killed (SIGKILL, power cut) in the middle of a call. */
    static final class Crash extends Error {
    }

    static String container(String project, String service) {
        return project + "-" + service + "-1";
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
        model.volumes().keySet().forEach(v -> volumes.putIfAbsent(target.projectName() + "_" + v, target.projectName()));
        Set<String> running = projects.computeIfAbsent(target.projectName(), k -> new TreeSet<>());
        for (String s : services) {
            running.add(s);
            attached.computeIfAbsent(container(target.projectName(), s), k -> new TreeSet<>()).add(target.projectName());
        }
    }

    @Override
    public void composeRemove(ComposeTarget target, List<String> services) {
        call("remove", target.projectName() + " " + services);
        Set<String> running = projects.getOrDefault(target.projectName(), new TreeSet<>());
        for (String s : services) {
            running.remove(s);
            attached.remove(container(target.projectName(), s));
        }
    }

    @Override public void composeStop(ComposeTarget target) { call("stop", target.projectName()); }

    @Override
    public void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env) {
        call("restart", target.projectName());
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
            services.forEach(s -> attached.remove(container(target.projectName(), s)));
        }
    }

    @Override
    public Map<String, String> networksWithLabel(String label, String valueOf) {
        call("networks", label);
        Map<String, String> out = new TreeMap<>();
        projects.keySet().forEach(p -> out.put(p, envOf(p)));
        return out;
    }

    @Override
    public Map<String, List<String>> networksWithLabels(String label, List<String> valuesOf) {
        call("networks", label);
        Map<String, List<String>> out = new TreeMap<>();
        projects.keySet().forEach(p -> out.put(p, List.of(envOf(p), "default")));
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
        return projects.containsKey(name);
    }

    @Override
    public void connect(String network, String container, List<String> aliases) {
        call("connect", network + " " + container);
        attached.computeIfAbsent(container, k -> new TreeSet<>()).add(network);
    }

    @Override
    public void disconnect(String network, String container) {
        call("disconnect", network + " " + container);
        attached.getOrDefault(container, new TreeSet<>()).remove(network);
    }

    @Override
    public List<Container> containersOfProject(String project) {
        call("ps", project);
        List<Container> out = new ArrayList<>();
        projects.forEach((p, services) -> services.forEach(s ->
                out.add(new Container(container(p, s), container(p, s), p, s, envOf(p), "running", "Up", pikoProject, List.of(p)))));
        return out;
    }

    @Override
    public Map<String, java.time.Instant> startTimes(List<String> containers) {
        return Map.of();
    }

    @Override
    public List<piko.model.Cidr> hostRoutes() {
        return List.of();
    }

    @Override
    public List<piko.model.Cidr> networkSubnets(String exceptComposeProject) {
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
    public List<String> failedServices(String composeProject, java.time.Instant startedSince) {
        call("failed", composeProject);
        return List.of();
    }

    @Override
    public List<Map<String, String>> labelled(Kind kind, String label, List<String> keys) {
        call("labelled", kind + " " + label);
        List<Ownership.DockerObject> all = new ArrayList<>(planted);
        projects.forEach((p, services) -> {
            services.forEach(s -> all.add(own(Kind.CONTAINER, container(p, s), p, Map.of(Labels.COMPOSE_SERVICE, s))));
            all.add(own(Kind.NETWORK, p, p, Map.of()));
        });
        volumes.forEach((v, p) -> all.add(own(Kind.VOLUME, v, p, Map.of())));
        String key = label.contains("=") ? label.substring(0, label.indexOf('=')) : label;
        String value = label.contains("=") ? label.substring(label.indexOf('=') + 1) : null;
        List<Map<String, String>> out = new ArrayList<>();
        for (Ownership.DockerObject o : all) {
            if (o.kind() == kind && o.labels().containsKey(key) && (value == null || value.equals(o.labels().get(key)))) {
                Map<String, String> row = new java.util.HashMap<>();
                row.put("name", o.name());
                keys.forEach(k -> row.put(k, o.labels().getOrDefault(k, "")));
                out.add(row);
            }
        }
        return out;
    }

    /** An object this checkout's piko made: its labels as the override gives them. */
    private Ownership.DockerObject own(Kind kind, String name, String composeProject, Map<String, String> more) {
        Map<String, String> labels = new java.util.HashMap<>(more);
        labels.put(Labels.COMPOSE_PROJECT, composeProject);
        labels.put(Labels.PROJECT, pikoProject);
        labels.put(Labels.IDENTITY, identity);
        if (composeProject.startsWith("piko-" + pikoProject + "-")) {
            labels.put(Labels.ENVIRONMENT, envOf(composeProject));
        }
        return new Ownership.DockerObject(kind, name, labels);
    }

    /** Another checkout's object: its identity, and its compose project. */
    FakeDocker plant(Kind kind, String name, String composeProject, String otherIdentity) {
        Map<String, String> labels = new java.util.HashMap<>(Map.of(Labels.COMPOSE_PROJECT, composeProject,
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
