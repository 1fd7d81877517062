package piko.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import piko.core.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;

/** Every docker and docker compose command piko runs. Nothing outside this package spawns docker. */
public class Docker {
    public static final ComposeVersion MIN_COMPOSE = ComposeVersion.parse("2.24.0");
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Duration SLOW = Duration.ofMinutes(10);
    private static final String PS_FORMAT = String.join("\t", "{{.ID}}", "{{.Names}}",
            "{{.Label \"com.docker.compose.project\"}}", "{{.Label \"com.docker.compose.service\"}}",
            "{{.Label \"dev.piko.environment\"}}", "{{.State}}", "{{.Status}}");

    private final ProcessRunner runner;

    public Docker(ProcessRunner runner) {
        this.runner = runner;
    }

    /** Fails unless the compose v2 plugin is there and new enough for the override tags piko writes. */
    public ComposeVersion requireCompose() {
        Result r = runner.run(Call.of(QUICK, List.of("docker", "compose", "version", "--short")));
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
                    "upgrade the Compose v2 plugin", 3);
        }
        return found;
    }

    /** The fully resolved model, as compose itself parses it. */
    public String composeConfigJson(ComposeTarget target, Map<String, String> env) {
        List<String> cmd = target.args();
        cmd.addAll(List.of("config", "--format", "json"));
        Result r = runner.run(Call.of(QUICK, cmd).in(target.directory()).withEnv(env));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("the compose file is invalid:\n" + r.output(), "fix the compose file and retry");
        }
        return r.stdout();
    }

    public void composeUp(ComposeTarget target, List<String> services, Map<String, String> env) {
        List<String> cmd = target.args();
        cmd.addAll(List.of("up", "--detach", "--remove-orphans"));
        cmd.addAll(services);
        composeOrFail(Call.of(SLOW, cmd).in(target.directory()).withEnv(env), "starting " + target.projectName());
    }

    public void composeStop(ComposeTarget target) {
        List<String> cmd = target.args();
        cmd.add("stop");
        composeOrFail(Call.of(SLOW, cmd), "stopping " + target.projectName());
    }

    public void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env) {
        List<String> cmd = target.args();
        cmd.add("restart");
        cmd.addAll(services);
        composeOrFail(Call.of(SLOW, cmd).in(target.directory()).withEnv(env), "restarting " + target.projectName());
    }

    /** Removes containers and networks of a project (and its volumes when asked), found by its labels. */
    public void composeDown(ComposeTarget target, boolean volumes) {
        composeDown(target, volumes, null);
    }

    /** As composeDown, stopping containers within stopTimeout (null: each service's own grace period). */
    public void composeDown(ComposeTarget target, boolean volumes, Duration stopTimeout) {
        List<String> cmd = target.args();
        cmd.addAll(List.of("down", "--remove-orphans"));
        if (stopTimeout != null) {
            cmd.addAll(List.of("--timeout", String.valueOf(stopTimeout.toSeconds())));
        }
        if (volumes) {
            cmd.add("--volumes");
        }
        composeOrFail(Call.of(SLOW, cmd), "removing " + target.projectName());
    }

    /** All containers, running or not, that carry the given label (key=value), in one docker call. */
    public List<Container> containersWithLabel(String label) {
        Result r = runner.run(Call.of(QUICK, List.of("docker", "ps", "--all", "--no-trunc",
                "--filter", "label=" + label, "--format", PS_FORMAT)));
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException("docker ps failed:\n" + r.output());
        }
        List<Container> result = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (f.length < 7) continue;
            result.add(new Container(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
        }
        return result;
    }

    private void composeOrFail(Call call, String what) {
        Result r = runner.run(call);
        if (!r.ok()) {
            checkDaemon(r);
            throw new PikoException(what + " failed:\n" + r.output());
        }
    }

    private static void checkDaemon(Result r) {
        String out = r.output();
        if (out.contains("Cannot connect to the Docker daemon") || out.contains("Is the docker daemon running")
                || out.contains("docker.sock: connect: no such file")) {
            throw new PikoException("the Docker daemon is not running (" + firstLine(out) + ")",
                    "start Docker (for example: systemctl start docker, or dockerd) and retry", 3);
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
}
