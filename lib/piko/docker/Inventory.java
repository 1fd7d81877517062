package piko.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import piko.core.LabelledObjects.Kind;

/** The one listing of Docker objects by label, for containers, networks and volumes alike. */
final class Inventory {
    private final DockerCli cli;

    Inventory(DockerCli cli) {
        this.cli = cli;
    }

    /**
     * Every object of a kind that carries a label (key or key=value), each as its name and the
     * values of the given labels (missing ones as ""), in one docker call.
     */
    List<Map<String, String>> labelled(Kind kind, String label, List<String> keys) {
        return listed(kind, "label=" + label, keys);
    }

    /** Every object of a kind whose name begins with prefix (Docker's name filter matches anywhere in the name). */
    List<Map<String, String>> named(Kind kind, String prefix, List<String> keys) {
        return listed(kind, "name=" + prefix, keys).stream().filter(row -> row.get("name").startsWith(prefix)).toList();
    }

    private List<Map<String, String>> listed(Kind kind, String filter, List<String> keys) {
        List<String> cmd = new ArrayList<>(switch (kind) {
            case CONTAINER -> List.of("docker", "ps", "--all");
            case NETWORK -> List.of("docker", "network", "ls");
            case VOLUME -> List.of("docker", "volume", "ls");
        });
        String what = String.join(" ", cmd.subList(0, 3));
        StringBuilder format = new StringBuilder("{{.Name" + (kind == Kind.CONTAINER ? "s" : "") + "}}");
        keys.forEach(k -> format.append("\t{{.Label \"").append(k).append("\"}}"));
        cmd.addAll(List.of("--filter", filter, "--format", format.toString()));
        String out = cli.readChecked(cli.quick(cmd), what).stdout();
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

    /** Removes volumes; one that is already gone counts as removed. */
    void removeVolumes(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "volume", "rm", "--"));
        cmd.addAll(names);
        piko.exec.ProcessRunner.Result r = cli.run(cli.quick(cmd));
        if (!r.ok() && !r.output().strip().lines().allMatch(l -> l.contains("no such volume"))) {
            DockerErrors.requireReachable(r);
            throw new piko.error.PikoException("cannot remove volumes " + String.join(", ", names) + ": "
                    + DockerErrors.firstLine(r.output()));
        }
    }
}
