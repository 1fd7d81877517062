package piko.docker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import piko.core.ComposeGateway;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;
import piko.exec.Timeouts;
import piko.model.Labels;

/** Every docker and docker compose command piko runs. Nothing outside this package spawns docker. */
public class Docker implements ComposeGateway {
    /**
     * The oldest compose piko runs with: its override needs `!override` (compose documents it from
     * 2.24.4) and `!reset`, and 2.26.1 is the oldest compose piko's tests have run on.
     */
    public static final ComposeVersion MIN_COMPOSE = ComposeVersion.parse("2.26.1");
    /** A passthrough command (logs -f, a shell) runs as long as its user wants. */
    private static final Duration ATTACHED = null;
    private static final String PS_FORMAT = String.join("\t", "{{.ID}}", "{{.Names}}",
            label(Labels.COMPOSE_PROJECT), label(Labels.COMPOSE_SERVICE), label(Labels.ENVIRONMENT), "{{.State}}",
            "{{.Status}}", label(Labels.PROJECT), "{{.Networks}}");
    private final ProcessRunner runner;
    private final Timeouts timeouts;
    private final PsPrefetch prefetched;
    private final Daemon daemon;

    public Docker(ProcessRunner runner) {
        this(runner, Timeouts.DEFAULTS, PsPrefetch.none());
    }

    public Docker(ProcessRunner runner, Timeouts timeouts) {
        this(runner, timeouts, PsPrefetch.none());
    }

    public Docker(ProcessRunner runner, Timeouts timeouts, PsPrefetch prefetched) {
        this.runner = runner;
        this.timeouts = timeouts;
        this.prefetched = prefetched;
        this.daemon = new Daemon(runner);
    }

    private static String label(String key) {
        return "{{.Label \"" + key + "\"}}";
    }

    /** A quick docker call (ps, inspect, network, version), limited by timeouts.docker, stopped sooner when the daemon hangs. */
    private Call quick(List<String> command) {
        return Call.of(timeouts.docker(), command).timeoutSetBy("timeouts.docker").watchedBy(daemon.watch(command));
    }

    /**
     * Compose work that may legitimately take long (pull, build, up, wait for health, stop): no limit
     * unless timeouts.compose sets one, but stopped when the daemon stops answering.
     */
    private Call slow(List<String> command) {
        return Call.of(timeouts.compose(), command).timeoutSetBy("timeouts.compose").watchedBy(daemon.watch(command));
    }

    @Override
    public void requireCompose() {
        composeVersion();
    }

    /** The compose v2 plugin's version; fails unless it is there and new enough for the override tags piko writes. */
    public ComposeVersion composeVersion() {
        Result r = runner.run(quick(List.of("docker", "compose", "version", "--short")));
        if (!r.ok()) {
            throw new PikoException("Docker Compose v2 is not available (docker compose version failed: "
                    + firstLine(r.output()) + ")",
                    "install the Compose v2 plugin, version " + MIN_COMPOSE + " or newer", 3);
        }
        ComposeVersion found;
        try {
            found = ComposeVersion.parse(r.stdout().strip());
        } catch (IllegalArgumentException e) {
            throw new PikoException("cannot read the Docker Compose version from '" + firstLine(r.output()) + "'",
                    "install the Compose v2 plugin, version " + MIN_COMPOSE + " or newer", 3);
        }
        if (found.compareTo(MIN_COMPOSE) < 0) {
            throw new PikoException("Docker Compose " + found + " is too old: piko needs " + MIN_COMPOSE + " or newer",
                    "upgrade the Compose v2 plugin (docker compose version) to " + MIN_COMPOSE + " or newer", 3);
        }
        return found;
    }

    /** Fails unless the Docker daemon answers, within seconds (compose config and the version check work without it). */
    @Override
    public void requireDaemon() {
        Result r = daemon.require();
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker version failed: " + firstLine(r.output()));
        }
    }

    @Override
    public ComposeModel config(ComposeTarget target, Map<String, String> env) {
        return ComposeModel.parse(composeConfigJson(target, env));
    }

    /** The fully resolved model as JSON, as compose itself parses it, with the services of every profile. */
    public String composeConfigJson(ComposeTarget target, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("--profile", "*", "config", "--format", "json"));
        Result r = runner.run(quick(cmd).in(target.directory()).withEnv(env));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("the compose file is invalid:\n" + r.output(), "fix the compose file and retry");
        }
        return r.stdout();
    }

    @Override
    public void composeUp(ComposeTarget target, List<String> services, Map<String, String> env, Up how) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("up", "--remove-orphans"));
        switch (how) {
            case CREATE_ONLY -> cmd.add("--no-start");
            case START -> cmd.add("--detach");
            case START_AND_WAIT -> cmd.addAll(List.of("--detach", "--wait"));
        }
        cmd.addAll(services);
        Call call = slow(cmd).in(target.directory()).withEnv(env);
        String what = "starting " + target.projectName();
        if (progress == Progress.TERMINAL) {
            int code = runner.runOnStderr(call);
            if (code != 0) {
                throw new PikoException(what + " failed (compose's output is above)" + startErrors(target.projectName()));
            }
        } else {
            composeOrFail(progress == Progress.PLAIN ? call.echoTo(progressOut) : call, what);
        }
    }

    /**
     * What Docker recorded of the project's containers whose last start failed (a host port taken,
     * say), one per line after a newline; compose told only the terminal, and piko acts on it.
     */
    private String startErrors(String composeProject) {
        Result ids = runner.run(quick(List.of("docker", "ps", "--all", "--quiet", "--filter",
                "label=com.docker.compose.project=" + composeProject)));
        if (!ids.ok() || ids.stdout().isBlank()) {
            return "";
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "inspect", "--format", "{{.State.Error}}"));
        cmd.addAll(ids.stdout().lines().filter(l -> !l.isBlank()).toList());
        Result errors = runner.run(quick(cmd));
        return errors.stdout().lines().filter(l -> !l.isBlank()).map(l -> "\n" + l).collect(java.util.stream.Collectors.joining());
    }

    /** How compose's own progress reaches the user while it pulls, builds, creates and starts. */
    public enum Progress { SILENT, PLAIN, TERMINAL }

    private Progress progress = Progress.SILENT;
    private java.io.OutputStream progressOut;

    /** PLAIN: compose's lines copied to out; TERMINAL: compose writes to piko's stderr itself. */
    public Docker showProgress(Progress how, java.io.OutputStream out) {
        this.progress = how;
        this.progressOut = out;
        return this;
    }

    /**
     * Services of a compose project that failed in a start begun at startedSince: unhealthy, dead, or
     * exited with an error after being started then. A container that a dependency's failure kept
     * from starting still shows the exit of its last run (piko down stops with SIGTERM, 143): it
     * did not fail now, and its start time, from before, says so.
     */
    @Override
    public List<String> failedServices(String composeProject, Instant startedSince) {
        List<Container> containers = containersWithLabel("com.docker.compose.project=" + composeProject);
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
    private Map<String, Instant> startTimes(List<String> containers) {
        List<String> cmd = new ArrayList<>(List.of("docker", "inspect", "--format", "{{.Name}}\t{{.State.StartedAt}}"));
        cmd.addAll(containers);
        Result r = runner.run(quick(cmd));
        Map<String, Instant> out = new java.util.HashMap<>();
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

    /** Stops and removes the containers of some services of a project; their volumes stay. */
    @Override
    public void composeRemove(ComposeTarget target, List<String> services) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("rm", "--stop", "--force"));
        cmd.addAll(services);
        composeOrFail(slow(cmd).in(target.directory()), "removing " + String.join(", ", services));
    }

    /**
     * Runs any compose command on a project from its directory, on piko's terminal (passthrough for
     * logs, exec and compose); returns compose's exit code.
     */
    public int composeAttached(ComposeTarget target, List<String> args, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.addAll(args);
        return runner.runAttached(Call.of(ATTACHED, cmd).in(target.directory()).withEnv(env).watchedBy(daemon.watch(cmd)));
    }

    /** The last lines of some services' logs, captured (for callers that own no terminal). */
    public String composeLogs(ComposeTarget target, List<String> services, int tail, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("logs", "--no-color", "--tail", String.valueOf(tail)));
        cmd.addAll(services);
        Result r = runner.run(quick(cmd).in(target.directory()).withEnv(env));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("reading the logs of " + target.projectName() + " failed:\n" + r.output());
        }
        return r.stdout().replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
    }

    /** Networks carrying a label (key=value), each with the value of another label: name to value. */
    @Override
    public Map<String, String> networksWithLabel(String label, String valueOf) {
        Result r = runner.run(quick(List.of("docker", "network", "ls", "--filter", "label=" + label,
                "--format", "{{.Name}}\t{{.Label \"" + valueOf + "\"}}")));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker network ls failed:\n" + r.output());
        }
        Map<String, String> out = new java.util.TreeMap<>();
        r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> {
            String[] f = l.split("\t", -1);
            out.put(f[0], f.length > 1 ? f[1] : "");
        });
        return out;
    }

    /** The kinds of Docker object piko labels. */

    /**
     * Every object of a kind that carries a label (key or key=value), each as its name and the
     * values of the given labels (missing ones as ""), in one docker call.
     */
    public List<Map<String, String>> labelled(Kind kind, String label, List<String> keys) {
        List<String> cmd = new ArrayList<>(switch (kind) {
            case CONTAINER -> List.of("docker", "ps", "--all");
            case NETWORK -> List.of("docker", "network", "ls");
            case VOLUME -> List.of("docker", "volume", "ls");
        });
        StringBuilder format = new StringBuilder("{{.Name" + (kind == Kind.CONTAINER ? "s" : "") + "}}");
        keys.forEach(k -> format.append("\t{{.Label \"").append(k).append("\"}}"));
        cmd.addAll(List.of("--filter", "label=" + label, "--format", format.toString()));
        Result r = runner.run(quick(cmd));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException(String.join(" ", cmd.subList(0, 3)) + " failed:\n" + r.output());
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            Map<String, String> row = new java.util.HashMap<>();
            row.put("name", f[0]);
            for (int i = 0; i < keys.size(); i++) {
                row.put(keys.get(i), i + 1 < f.length ? f[i + 1] : "");
            }
            out.add(row);
        }
        return out;
    }

    /** The host ports that a compose project's running containers publish now. */
    public java.util.Set<Integer> publishedPorts(String composeProject) {
        Result r = runner.run(quick(List.of("docker", "ps", "--filter", "label=com.docker.compose.project=" + composeProject,
                "--format", "{{.Ports}}")));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker ps failed:\n" + r.output());
        }
        return parsePublished(r.stdout());
    }

    /** Host ports in `docker ps` Ports text, e.g. "0.0.0.0:10179->6379/tcp, :::10179->6379/tcp". */
    static java.util.Set<Integer> parsePublished(String text) {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)(?:-(\\d+))?->").matcher(text);
        while (m.find()) {
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            for (int p = from; p <= to; p++) ports.add(p);
        }
        return ports;
    }

    /** Networks carrying a label (key=value), each with the values of other labels, in their order. */
    @Override
    public Map<String, List<String>> networksWithLabels(String label, List<String> valuesOf) {
        StringBuilder format = new StringBuilder("{{.Name}}");
        valuesOf.forEach(v -> format.append("\t{{.Label \"").append(v).append("\"}}"));
        Result r = runner.run(quick(List.of("docker", "network", "ls", "--filter", "label=" + label,
                "--format", format.toString())));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker network ls failed:\n" + r.output());
        }
        Map<String, List<String>> out = new java.util.TreeMap<>();
        r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> {
            List<String> f = new ArrayList<>(List.of(l.split("\t", -1)));
            while (f.size() <= valuesOf.size()) f.add("");
            out.put(f.get(0), List.copyOf(f.subList(1, f.size())));
        });
        return out;
    }

    /** The networks a container is attached to. */
    @Override
    public List<String> containerNetworks(String container) {
        Result r = runner.run(quick(List.of("docker", "inspect", "--format",
                "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}\n{{end}}", container)));
        if (!r.ok()) {
            checkDaemon(r);
            if (isNoSuch(r)) {
                return List.of();  // the container is gone: it is attached to nothing
            }
            throw new PikoException("cannot list the networks of " + container + ": " + r.output());
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public boolean networkExists(String name) {
        Result r = runner.run(quick(List.of("docker", "network", "inspect", "--format", "{{.Name}}", name)));
        if (r.ok()) {
            return true;
        }
        checkDaemon(r);
        if (isNoSuch(r)) {
            return false;
        }
        throw new PikoException("cannot inspect network " + name + ": " + r.output());
    }

    /** Docker's answer for an object that does not exist (it words it differently per object and version). */
    static boolean isNoSuch(Result r) {
        String out = r.output();
        return out.contains("No such") || out.contains("not found");
    }

    /** Attaches a container to a network under an alias; already attached counts as done. */
    @Override
    public void connect(String network, String container, List<String> aliases) {
        List<String> cmd = new ArrayList<>(List.of("docker", "network", "connect"));
        aliases.forEach(a -> cmd.addAll(List.of("--alias", a)));
        cmd.addAll(List.of(network, container));
        Result r = runner.run(quick(cmd));
        if (!r.ok() && !r.output().contains("already exists")) {
            checkDaemon(r);
            throw new PikoException("cannot connect " + container + " to network " + network + ": " + r.output());
        }
    }

    /** Detaches a container from a network; not attached counts as done. */
    @Override
    public void disconnect(String network, String container) {
        Result r = runner.run(quick(List.of("docker", "network", "disconnect", "--force", network, container)));
        if (!r.ok() && !r.output().contains("is not connected") && !r.output().contains("No such")) {
            checkDaemon(r);
            throw new PikoException("cannot disconnect " + container + " from network " + network + ": " + r.output());
        }
    }

    @Override
    public void composeStop(ComposeTarget target) {
        List<String> cmd = args(target);
        cmd.add("stop");
        composeOrFail(slow(cmd), "stopping " + target.projectName());
    }

    @Override
    public void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.add("restart");
        cmd.addAll(services);
        composeOrFail(slow(cmd).in(target.directory()).withEnv(env), "restarting " + target.projectName());
    }

    @Override
    public void composeDown(ComposeTarget target, boolean volumes, Duration stopTimeout) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("down", "--remove-orphans"));
        if (stopTimeout != null) {
            cmd.addAll(List.of("--timeout", String.valueOf(stopTimeout.toSeconds())));
        }
        if (volumes) {
            cmd.add("--volumes");
        }
        composeOrFail(slow(cmd), "removing " + target.projectName());
    }

    /**
     * The images compose built for a project without an `image:` name: compose names them
     * `<project>-<service>` and labels them with the project. Images the user named are not listed.
     */
    public List<String> builtImages(String composeProject) {
        Result r = runner.run(quick(List.of("docker", "image", "ls", "--filter",
                "label=com.docker.compose.project=" + composeProject, "--format", "{{.Repository}}:{{.Tag}}")));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker image ls failed: " + firstLine(r.output()));
        }
        return r.stdout().lines().filter(i -> i.startsWith(composeProject + "-") && !i.contains("<none>")).toList();
    }

    /** Removes images; false when Docker refused (an image still in use elsewhere). */
    public boolean removeImages(List<String> images) {
        if (images.isEmpty()) {
            return true;
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "image", "rm"));
        cmd.addAll(images);
        return runner.run(quick(cmd)).ok();
    }

    /** The containers of one piko project: the prefetched answer if there is one, else one docker call. */
    @Override
    public List<Container> containersOfProject(String project) {
        CompletableFuture<List<Container>> early = prefetched.take();
        if (early == null) {
            return containersWithLabel(Labels.PROJECT + "=" + project);
        }
        try {
            return early.join().stream().filter(c -> c.pikoProject().equals(project)).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** All containers, running or not, that carry the given label (key or key=value), in one docker call. */
    @Override
    public List<Container> containersWithLabel(String label) {
        Result r = runner.run(quick(List.of("docker", "ps", "--all", "--no-trunc",
                "--filter", "label=" + label, "--format", PS_FORMAT)));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker ps failed:\n" + r.output());
        }
        List<Container> result = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (f.length < 8) continue;
            List<String> networks = f.length > 8 && !f[8].isBlank() ? List.of(f[8].split(",")) : List.of();
            result.add(new Container(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], networks));
        }
        return result;
    }

    @Override
    public List<piko.model.Cidr> hostRoutes() {
        return Subnets.hostRoutes(Subnets.ROUTES);
    }

    @Override
    public List<piko.model.Cidr> networkSubnets(String exceptComposeProject) {
        return Subnets.ofNetworks(runner, timeouts, exceptComposeProject);
    }

    private void composeOrFail(Call call, String what) {
        Result r = runner.run(call);
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException(what + " failed:\n" + tail(r.output(), TAIL_LINES));
        }
    }

    private static final int TAIL_LINES = 15;

    /** The last lines of compose's output, where it says what went wrong. */
    static String tail(String output, int lines) {
        List<String> all = output.strip().lines().toList();
        return all.size() <= lines ? String.join("\n", all)
                : "(" + (all.size() - lines) + " earlier lines left out)\n" + String.join("\n", all.subList(all.size() - lines, all.size()));
    }

    private static void checkDaemon(Result r) {
        String out = r.output();
        if (out.contains("Cannot connect to the Docker daemon") || out.contains("Is the docker daemon running")
                || out.contains("docker.sock: connect: no such file")) {
            throw new PikoException("the Docker daemon is not running (" + firstLine(out) + ")",
                    Daemon.notRunningHint(), 3);
        }
        if (out.contains("'compose' is not a docker command") || out.contains("unknown shorthand flag: 'p'")) {
            throw new PikoException("Docker Compose v2 is not installed", "install the Compose v2 plugin, version "
                    + MIN_COMPOSE + " or newer", 3);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static List<String> args(ComposeTarget target) {
        List<String> args = new ArrayList<>(List.of("docker", "compose", "-p", target.projectName()));
        if (target.directory() != null) {
            args.add("--project-directory");
            args.add(target.directory().toString());
        }
        for (java.nio.file.Path f : target.files()) {
            args.add("-f");
            args.add(f.toString());
        }
        return args;
    }
}
