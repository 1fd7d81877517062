package piko.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import piko.core.LabelledObjects.Kind;
import piko.model.ComposeModel;
import piko.model.Labels;

/**
 * The objects FakeDocker holds, as Docker would: compose projects with their containers (running,
 * exited with a code, created only), networks with their labels, attachments with their aliases,
 * volumes, and other checkouts' objects; and what happens to them behind piko's back (a container
 * that exits, is removed or recreated; a network removed).
 */
abstract class FakeDockerObjects {
    /** compose project -> services with a container */
    final Map<String, Set<String>> projects = new TreeMap<>();
    /** container -> networks it is attached to */
    final Map<String, Set<String>> attached = new TreeMap<>();
    /** container -> its state as docker ps gives it (running, exited, created), and the code it exited with */
    final Map<String, String> states = new TreeMap<>();
    final Map<String, Integer> exitCodes = new HashMap<>();
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
    final String pikoProject;
    final ComposeModel model;

    FakeDockerObjects(String pikoProject, ComposeModel model) {
        this.pikoProject = pikoProject;
        this.model = model;
    }

    static String container(String project, String service) {
        return project + "-" + service + "-1";
    }

    /** A container stopped on its own (it crashed, or finished its work) with this exit code. */
    FakeDockerObjects exits(String container, int code) {
        states.put(container, "exited");
        exitCodes.put(container, code);
        return this;
    }

    /** A container removed behind piko's back (docker rm -f). */
    FakeDockerObjects removes(String container) {
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
    FakeDockerObjects removesNetwork(String network) {
        networks.remove(network);
        attached.values().forEach(nets -> nets.remove(network));
        aliases.keySet().removeIf(k -> k.startsWith(network + " "));
        return this;
    }

    /** A container compose made anew (its configuration changed): on its own project's network only. */
    FakeDockerObjects recreates(String container) {
        String project = projectOf(container);
        attached.put(container, new TreeSet<>(Set.of(project)));
        aliases.keySet().removeIf(k -> k.endsWith(" " + container) && !k.startsWith(project + " "));
        return this;
    }

    String projectOf(String container) {
        return projects.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(s -> container(e.getKey(), s).equals(container)))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no container " + container));
    }

    /** The environment a compose project of this piko project belongs to. */
    String envOf(String composeProject) {
        return composeProject.substring(("piko-" + pikoProject + "-").length());
    }

    /** Whether labels hold a label filter's key (and its value, for key=value), as docker's --filter label= does. */
    static boolean matches(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    /** The labels of what this checkout's piko made for a compose project, as the override gives them. */
    Map<String, String> labels(String composeProject, Map<String, String> more) {
        Map<String, String> labels = new HashMap<>(more);
        labels.put(Labels.COMPOSE_PROJECT, composeProject);
        labels.put(Labels.PROJECT, pikoProject);
        labels.put(Labels.IDENTITY, identity);
        if (composeProject.startsWith("piko-" + pikoProject + "-")) {
            labels.put(Labels.ENVIRONMENT, envOf(composeProject));
        }
        return labels;
    }

    /** An object without any label (made by hand, or by compose outside piko's override). */
    FakeDockerObjects plantUnlabelled(Kind kind, String name) {
        planted.add(new Ownership.DockerObject(kind, name, Map.of()));
        return this;
    }

    /** Another checkout's object: its identity, and its compose project. */
    FakeDockerObjects plant(Kind kind, String name, String composeProject, String otherIdentity) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.COMPOSE_PROJECT, composeProject,
                Labels.PROJECT, pikoProject, Labels.IDENTITY, otherIdentity));
        if (composeProject.startsWith("piko-" + pikoProject + "-")) {
            labels.put(Labels.ENVIRONMENT, envOf(composeProject));
        }
        planted.add(new Ownership.DockerObject(kind, name, labels));
        return this;
    }
}
