package piko.docker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Result;
import piko.model.Container;
import piko.model.Labels;

/** Docker containers: listed by label, their networks, ports, start times and why a start failed. */
final class Containers {
    private static final String PS_FORMAT = String.join("\t", "{{.ID}}", "{{.Names}}",
            label(Labels.COMPOSE_PROJECT), label(Labels.COMPOSE_SERVICE), label(Labels.ENVIRONMENT), "{{.State}}",
            "{{.Status}}", label(Labels.PROJECT), "{{.Networks}}", label(Labels.IDENTITY), label(Labels.COMPOSE_WORKING_DIR),
            "{{.Ports}}", "{{.Mounts}}");
    /** The label columns of PS_FORMAT, so that ownership's listing of containers is the same docker ps. */
    private static final Map<String, Integer> LABEL_COLUMNS = Map.of(Labels.COMPOSE_PROJECT, 2, Labels.COMPOSE_SERVICE, 3,
            Labels.ENVIRONMENT, 4, Labels.PROJECT, 7, Labels.IDENTITY, 9, Labels.COMPOSE_WORKING_DIR, 10);
    /** The states of the containers `docker ps` lists without --all. */
    private static final Set<String> LISTED_BY_PS = Set.of("running", "paused", "restarting");
    private static final Pattern PUBLISHED = Pattern.compile(":(\\d+)(?:-(\\d+))?->");
    private final DockerCli cli;
    private final PsPrefetch prefetched;

    Containers(DockerCli cli, PsPrefetch prefetched) {
        this.cli = cli;
        this.prefetched = prefetched;
    }

    private static String label(String key) {
        return "{{.Label \"" + key + "\"}}";
    }

    private static String ofComposeProject(String composeProject) {
        return "label=" + Labels.COMPOSE_PROJECT + "=" + composeProject;
    }

    /** The containers of one piko project: the prefetched answer if there is one, else one docker call. */
    List<Container> ofProject(String project) {
        CompletableFuture<List<Container>> early = prefetched.take();
        if (early == null) {
            return withLabel(Labels.PROJECT + "=" + project);
        }
        try {
            return early.join().stream().filter(c -> c.pikoProject().equals(project)).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** All containers, running or not, that carry the given label (key or key=value), in one docker call. */
    List<Container> withLabel(String label) {
        List<Container> result = new ArrayList<>();
        for (String[] f : listed(label)) {
            List<String> networks = f.length > 8 && !f[8].isBlank() ? List.of(f[8].split(",")) : List.of();
            result.add(new Container(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], networks));
        }
        return result;
    }

    /** The one docker ps of the containers carrying a label, as rows of PS_FORMAT's columns. */
    private List<String[]> listed(String label) {
        Result r = cli.readChecked(cli.quick(List.of("docker", "ps", "--all", "--no-trunc",
                "--filter", "label=" + label, "--format", PS_FORMAT)), "docker ps");
        boolean fresh = cli.answers().fresh(r);  // networks only from an answer asked since the last change
        List<String[]> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (!line.isBlank() && f.length >= 8) {
                rows.add(f);
                if (fresh) {
                    cli.answers().sawNetworks(f[1], f.length > 8 && !f[8].isBlank() ? List.of(f[8].split(",")) : List.of());
                }
            }
        }
        return rows;
    }

    /**
     * The containers carrying a label as Inventory lists objects (name and the values of the given
     * labels) from the same docker ps as withLabel; null when a key is not among its columns.
     */
    List<Map<String, String>> labelled(String label, List<String> keys) {
        if (!LABEL_COLUMNS.keySet().containsAll(keys)) {
            return null;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] f : listed(label)) {
            Map<String, String> row = new HashMap<>();
            row.put("name", f[1]);
            keys.forEach(k -> row.put(k, LABEL_COLUMNS.get(k) < f.length ? f[LABEL_COLUMNS.get(k)] : ""));
            rows.add(row);
        }
        return rows;
    }

    /** The networks a container is attached to; none when the container is gone. */
    List<String> networksOf(String container) {
        List<String> seen = cli.answers().networksSeen(container);
        if (seen != null) {
            return seen;  // the ps that listed it showed its networks, and nothing changed since
        }
        Result r = cli.read(cli.quick(List.of("docker", "inspect", "--format",
                "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}\n{{end}}", container)));
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            if (DockerErrors.noSuchObject(r)) {
                return List.of();
            }
            throw new PikoException("cannot list the networks of " + container + ": " + r.output());
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The host ports that a compose project's running containers publish now. */
    Set<Integer> publishedPorts(String composeProject) {
        StringBuilder ports = new StringBuilder();
        for (String[] f : listed(Labels.COMPOSE_PROJECT + "=" + composeProject)) {
            if (LISTED_BY_PS.contains(f[5]) && f.length > 11) {
                ports.append(f[11]).append('\n');
            }
        }
        return parsePublished(ports.toString());
    }

    /** The volumes with Docker's generated names (64 hex digits) that a compose project's containers mount. */
    List<String> anonymousVolumes(String composeProject) {
        StringBuilder mounts = new StringBuilder();
        for (String[] f : listed(Labels.COMPOSE_PROJECT + "=" + composeProject)) {
            mounts.append(f.length > 12 ? f[12] : "").append('\n');
        }
        return parseAnonymous(mounts.toString());
    }

    /** The exec sessions running in a project's running containers (Docker lists only running ones), by service. */
    Map<String, Integer> runningCommands(String composeProject) {
        String ids = listed(Labels.COMPOSE_PROJECT + "=" + composeProject).stream().filter(f -> LISTED_BY_PS.contains(f[5]))
                .map(f -> f[0]).collect(Collectors.joining(" "));
        Map<String, Integer> out = new java.util.TreeMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "inspect", "--format",
                "{{index .Config.Labels \"" + Labels.COMPOSE_SERVICE + "\"}} {{len .ExecIDs}}", "--"));
        cmd.addAll(List.of(ids.split("\\s+")));
        for (String line : cli.readChecked(cli.quick(cmd), "docker inspect").stdout().strip().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 2 && f[1].matches("[1-9]\\d*")) {
                out.merge(f[0], Integer.parseInt(f[1]), Integer::sum);
            }
        }
        return out;
    }

    static List<String> parseAnonymous(String mounts) {
        return java.util.Arrays.stream(mounts.split("[,\\s]+")).filter(m -> m.matches("[0-9a-f]{64}")).distinct().sorted().toList();
    }

    /** Host ports in `docker ps` Ports text, e.g. "0.0.0.0:10179->6379/tcp, :::10179->6379/tcp". */
    static Set<Integer> parsePublished(String text) {
        Set<Integer> ports = new TreeSet<>();
        Matcher m = PUBLISHED.matcher(text);
        while (m.find()) {
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            for (int p = from; p <= to; p++) ports.add(p);
        }
        return ports;
    }

    /**
     * Services of a compose project that failed in a start begun at startedSince: unhealthy, dead, or
     * exited with an error after being started then. A container that a dependency's failure kept
     * from starting still shows the exit of its last run (piko down stops with SIGTERM, 143): it
     * did not fail now, and its start time, from before, says so.
     */
    List<String> failedServices(String composeProject, Instant startedSince) {
        List<Container> containers = withLabel(Labels.COMPOSE_PROJECT + "=" + composeProject);
        List<String> exited = containers.stream()
                .filter(c -> c.state().equals("exited") && !c.status().startsWith("Exited (0)")).map(Container::name).toList();
        return failed(containers, exited.isEmpty() ? Map.of() : startTimes(exited), startedSince);
    }

    static List<String> failed(List<Container> containers, Map<String, Instant> startedAt, Instant since) {
        return containers.stream()
                .filter(c -> c.health().equals("unhealthy") || c.state().equals("dead")
                        || c.state().equals("exited") && !c.status().startsWith("Exited (0)")
                        && !startedAt.getOrDefault(c.name(), Instant.MIN).isBefore(since))
                .map(Container::service).distinct().sorted().toList();
    }

    /** When each container last started, by name; those gone or never started are left out. */
    Map<String, Instant> startTimes(List<String> containers) {
        List<String> cmd = new ArrayList<>(List.of("docker", "inspect", "--format", "{{.Name}}\t{{.State.StartedAt}}"));
        cmd.addAll(containers);
        Result r = cli.read(cli.quick(cmd));
        Map<String, Instant> out = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t");
            try {
                out.put(f[0].replaceFirst("^/", ""), Instant.parse(f[1].strip()));
            } catch (RuntimeException unreadable) {
                // not started, or a line docker added: counts as not started now
            }
        }
        return out;
    }

    /**
     * What Docker recorded of the project's containers whose last start failed (a host port taken,
     * say), one per line after a newline; compose told only the terminal, and piko acts on it.
     */
    String startErrors(String composeProject) {
        Result ids = cli.read(cli.quick(List.of("docker", "ps", "--all", "--quiet", "--filter", ofComposeProject(composeProject))));
        if (!ids.ok() || ids.stdout().isBlank()) {
            return "";
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "inspect", "--format", "{{.State.Error}}"));
        cmd.addAll(ids.stdout().lines().filter(l -> !l.isBlank()).toList());
        Result errors = cli.read(cli.quick(cmd));
        return errors.stdout().lines().filter(l -> !l.isBlank()).map(l -> "\n" + l).collect(Collectors.joining());
    }
}
