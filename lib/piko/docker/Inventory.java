package piko.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import piko.core.LabelledObjects.Kind;
import piko.exec.ProcessRunner.Result;
import piko.model.Labels;

/** The one listing of Docker objects by label, for containers, networks and volumes alike. */
final class Inventory {
    private final DockerCli cli;
    private final Containers containers;

    Inventory(DockerCli cli, Containers containers) {
        this.cli = cli;
        this.containers = containers;
    }

    /**
     * Every object of a kind that carries a label (key or key=value), each as its name and the
     * values of the given labels (missing ones as ""), in one docker call.
     */
    List<Map<String, String>> labelled(Kind kind, String label, List<String> keys) {
        List<Map<String, String>> fromPs = kind == Kind.CONTAINER ? containers.labelled(label, keys) : null;
        if (fromPs != null) {
            return fromPs;  // the docker ps that lists containers for everything else answers this too
        }
        List<Map<String, String>> fromAll = kind == Kind.NETWORK ? networksOf(label, keys) : null;
        if (fromAll != null) {
            return fromAll;
        }
        return listed(kind, "label=" + label, keys);
    }

    /** Every object of a kind whose name begins with prefix (Docker's name filter matches anywhere in the name). */
    List<Map<String, String>> named(Kind kind, String prefix, List<String> keys) {
        return listed(kind, "name=" + prefix, keys).stream().filter(row -> row.get("name").startsWith(prefix)).toList();
    }

    private List<Map<String, String>> listed(Kind kind, String filter, List<String> keys) {
        String path = switch (kind) {
            case CONTAINER -> "/containers/json";
            case NETWORK -> "/networks";
            case VOLUME -> "/volumes";
        };
        Map<String, String> query = new HashMap<>(Map.of("filters", EngineApi.filters(filter)));
        if (kind == Kind.CONTAINER) {
            query.put("all", "1");
        }
        Result api = cli.apiReadChecked(path, query, filter.startsWith("label=") ? DockerCli.scopeOf(filter.substring(6)) : null,
                kind == Kind.CONTAINER ? "docker ps --all" : "docker " + kind.name().toLowerCase(java.util.Locale.ROOT) + " ls");
        if (api != null) {
            return EngineRows.labelled(kind, api.stdout(), keys);
        }
        List<String> cmd = new ArrayList<>(switch (kind) {
            case CONTAINER -> List.of("docker", "ps", "--all");
            case NETWORK -> List.of("docker", "network", "ls");
            case VOLUME -> List.of("docker", "volume", "ls");
        });
        String what = String.join(" ", cmd.subList(0, 3));
        StringBuilder format = new StringBuilder("{{.Name" + (kind == Kind.CONTAINER ? "s" : "") + "}}");
        keys.forEach(k -> format.append("\t{{.Label \"").append(k).append("\"}}"));
        cmd.addAll(List.of("--filter", filter, "--format", format.toString()));
        return rows(cli.readChecked(cli.quick(cmd), what).stdout(), keys);
    }

    /** Rows of a listing formatted as the name, then one column per label key, tab-separated. */
    private static List<Map<String, String>> rows(String out, List<String> keys) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            row.put("name", f[0]);
            for (int i = 0; i < keys.size(); i++) {
                row.put(keys.get(i), i + 1 < f.length ? f[i + 1] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** The labels the one listing of every network shows (ownership's, and what relinking reads). */
    private static final List<String> NETWORK_LABELS = List.of(Labels.IDENTITY, Labels.PROJECT, Labels.COMPOSE_WORKING_DIR,
            Labels.COMPOSE_PROJECT, Labels.ENVIRONMENT, Labels.COMPOSE_NETWORK);

    /**
     * Every network with NETWORK_LABELS, in one docker network ls that answers every question about
     * networks until something changes (a machine holds hundreds at most).
     */
    private List<Map<String, String>> allNetworks() {
        Result api = cli.apiReadChecked("/networks", Map.of(), null, "docker network ls");
        if (api != null) {
            return EngineRows.labelled(Kind.NETWORK, api.stdout(), NETWORK_LABELS);
        }
        StringBuilder format = new StringBuilder("{{.Name}}");
        NETWORK_LABELS.forEach(k -> format.append("\t{{.Label \"").append(k).append("\"}}"));
        return rows(cli.readChecked(cli.quick(List.of("docker", "network", "ls", "--format", format.toString())),
                "docker network ls").stdout(), NETWORK_LABELS);
    }

    /** The networks carrying a label key=value, from allNetworks; null when the label or a key is not among its columns. */
    private List<Map<String, String>> networksOf(String label, List<String> keys) {
        int eq = label.indexOf('=');
        if (eq <= 0 || !NETWORK_LABELS.contains(label.substring(0, eq)) || !NETWORK_LABELS.containsAll(keys)) {
            return null;
        }
        String key = label.substring(0, eq);
        String value = label.substring(eq + 1);
        return allNetworks().stream().filter(r -> r.get(key).equals(value)).toList();
    }

    /** Whether a network of that name exists, from allNetworks. */
    boolean networkNamed(String name) {
        return allNetworks().stream().anyMatch(r -> r.get("name").equals(name));
    }

    /** Removes volumes; one that is already gone counts as removed. */
    void removeVolumes(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "volume", "rm", "--"));
        cmd.addAll(names);
        Result r = cli.run(cli.quick(cmd));
        if (!r.ok() && !r.output().strip().lines().allMatch(l -> l.contains("no such volume"))) {
            DockerErrors.requireReachable(r);
            throw new piko.error.PikoException("cannot remove volumes " + String.join(", ", names) + ": "
                    + DockerErrors.firstLine(r.output()));
        }
    }
}
