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
    /** The columns of the one docker ps (a name with a dot is a label's value), as its --format or from the Engine API. */
    private static final List<String> COLUMNS = List.of("ID", "Names", Labels.COMPOSE_PROJECT, Labels.COMPOSE_SERVICE,
            Labels.ENVIRONMENT, "State", "Status", Labels.PROJECT, "Networks", Labels.IDENTITY, Labels.COMPOSE_WORKING_DIR,
            "Ports", "Mounts");
    private static final String PS_FORMAT = COLUMNS.stream().map(c -> c.contains(".") ? label(c) : "{{." + c + "}}")
            .collect(Collectors.joining("\t"));
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

    /** The one docker ps of the containers carrying a label, as rows of COLUMNS (from the Engine API where piko can ask it). */
    private List<String[]> listed(String label) {
        Result api = cli.apiReadChecked("/containers/json", Map.of("all", "1", "filters", EngineApi.filters("label=" + label)),
                DockerCli.scopeOf(label), "docker ps");
        Result r = api != null ? api : cli.readChecked(cli.quick(List.of("docker", "ps", "--all", "--no-trunc",
                "--filter", "label=" + label, "--format", PS_FORMAT)), "docker ps");
        boolean fresh = cli.answers().fresh(r);  // networks only from an answer asked since the last change
        List<String[]> rows = new ArrayList<>();
        List<String[]> all = api != null ? EngineRows.containers(r.stdout(), COLUMNS)
                : java.util.Arrays.stream(r.stdout().split("\n")).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).toList();
        for (String[] f : all) {
            if (f.length >= 8) {
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
        if (!COLUMNS.containsAll(keys)) {
            return null;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] f : listed(label)) {
            Map<String, String> row = new HashMap<>();
            row.put("name", f[1]);
            keys.forEach(k -> row.put(k, COLUMNS.indexOf(k) < f.length ? f[COLUMNS.indexOf(k)] : ""));
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
        Result api = cli.apiRead("/containers/" + EngineApi.segment(container) + "/json", Map.of(), null);
        Result r = api != null ? api : cli.read(cli.quick(List.of("docker", "inspect", "--format",
                "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}\n{{end}}", container)));
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            if (DockerErrors.noSuchObject(r)) {
                return List.of();
            }
            throw new PikoException("cannot list the networks of " + container + ": " + r.output());
        }
        return api != null ? EngineRows.attachedNetworks(r.stdout()) : r.stdout().lines().filter(l -> !l.isBlank()).toList();
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
        Result r = inspect(List.of(ids.split("\\s+")), List.of("docker", "inspect", "--format",
                "{{index .Config.Labels \"" + Labels.COMPOSE_SERVICE + "\"}} {{len .ExecIDs}}", "--"),
                c -> JsonReader.string(JsonReader.object(JsonReader.object(c, "Config"), "Labels"), Labels.COMPOSE_SERVICE)
                        + " " + JsonReader.list(c, "ExecIDs").size());
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            throw new PikoException("docker inspect failed:\n" + r.output());
        }
        for (String line : r.stdout().strip().split("\n")) {
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
        Result r = inspect(containers, List.of("docker", "inspect", "--format", "{{.Name}}\t{{.State.StartedAt}}"),
                c -> JsonReader.string(c, "Name") + "\t" + JsonReader.string(JsonReader.object(c, "State"), "StartedAt"));
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
        Result api = cli.apiRead("/containers/json", Map.of("all", "1", "filters", EngineApi.filters(ofComposeProject(composeProject))),
                composeProject);
        Result ids = api != null ? api : cli.read(cli.quick(List.of("docker", "ps", "--all", "--quiet", "--filter",
                ofComposeProject(composeProject))));
        if (!ids.ok() || ids.stdout().isBlank()) {
            return "";
        }
        List<String> all = api != null ? EngineRows.containers(ids.stdout(), List.of("ID")).stream().map(f -> f[0]).toList()
                : ids.stdout().lines().filter(l -> !l.isBlank()).toList();
        if (all.isEmpty()) {
            return "";
        }
        Result errors = inspect(all, List.of("docker", "inspect", "--format", "{{.State.Error}}"),
                c -> JsonReader.string(JsonReader.object(c, "State"), "Error"));
        return errors.stdout().lines().filter(l -> !l.isBlank()).map(l -> "\n" + l).collect(Collectors.joining());
    }

    /**
     * docker inspect of containers with a --format (the command before the names), or the same lines
     * made from the Engine API's inspect of each where piko can ask it (a container gone is left out).
     */
    private Result inspect(List<String> containers, List<String> command, java.util.function.Function<Object, String> line) {
        StringBuilder lines = new StringBuilder();
        for (String c : containers) {
            Result one = cli.apiRead("/containers/" + EngineApi.segment(c) + "/json", Map.of(), null);
            if (one == null) {
                List<String> cmd = new ArrayList<>(command);
                cmd.addAll(containers);
                return cli.read(cli.quick(cmd));
            }
            if (one.ok()) {
                lines.append(line.apply(JsonReader.parse(one.stdout()))).append('\n');
            } else if (!DockerErrors.noSuchObject(one)) {
                return one;
            }
        }
        return new Result(0, lines.toString(), "");
    }
}
