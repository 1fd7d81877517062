package piko.docker;

import piko.error.ExitCode;
import java.time.Duration;
import java.util.List;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.Watch;

/**
 * Whether the Docker daemon answers, asked with `/_ping` on its local socket (no process; see
 * SocketPing) or else with `docker version`, under a short deadline: a
 * healthy daemon answers it in milliseconds, so two missed answers in a row (a few seconds) mean
 * one that accepts and never answers (a wedged Docker Desktop, a dead ssh tunnel).
 */
final class Daemon {
    /** How long one ping may take, and how many missed in a row mean the daemon hangs. */
    static final Duration PING = Duration.ofSeconds(3);
    static final int MISSES = 2;
    /** When a docker call still running is first checked, and how often after that while it answers. */
    static final Duration FIRST_CHECK = Duration.ofSeconds(1);
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final List<String> VERSION = List.of("docker", "version", "--format", "{{.Server.Version}}");

    private static final ProcessRunner.Result ANSWERED = new ProcessRunner.Result(0, "", "");
    private final ProcessRunner runner;
    /** The daemon's local socket, pinged without a process; null: ask `docker version`. */
    private final java.nio.file.Path socket;
    private int missed;

    Daemon(ProcessRunner runner) {
        this.runner = runner;
        // a runner that plays Docker (the unit tests') is asked, never the machine's real socket
        this.socket = runner.getClass() == ProcessRunner.class
                ? SocketPing.socket(System.getenv(), java.nio.file.Path.of(System.getProperty("user.home"))) : null;
    }

    /** A watch for a docker call that talks to the daemon: it stops the call when the daemon stops answering. */
    Watch watch(List<String> command) {
        String what = String.join(" ", command.subList(0, Math.min(command.size(), 6))) + (command.size() > 6 ? " ..." : "");
        return new Watch(FIRST_CHECK, CHECK_EVERY, 1, this::answers,
                () -> refused(hangs("while running '" + what + "'; it was stopped")));
    }

    /** The daemon's answer to `docker version` within the deadline; null when it gave none in time. */
    private ProcessRunner.Result ping() {
        if (socket != null) {
            switch (SocketPing.ask(socket, PING)) {
                case OK -> {
                    return ANSWERED;
                }
                case NO_ANSWER -> {
                    return null;
                }
                case UNREACHABLE -> {
                    // docker version says why in its own words (not running, no permission)
                }
            }
        }
        try {
            return runner.run(Call.of(PING, VERSION));
        } catch (PikoException noAnswerInTime) {
            return null;
        }
    }

    /** Pings until an answer comes, or MISSES in a row (counted across this run's calls) went unanswered. */
    private synchronized ProcessRunner.Result answer() {
        while (missed < MISSES) {
            ProcessRunner.Result r = ping();
            if (r != null) {
                missed = 0;
                return r;
            }
            missed++;
        }
        return null;
    }

    private boolean answers() {
        ProcessRunner.Result r = answer();
        return r != null && r.ok();
    }

    /**
     * The daemon's version answer; fails with exit code 3 when it never answers in time (and every
     * later docker call of this run fails at once with the same error).
     */
    ProcessRunner.Result require() {
        ProcessRunner.Result r = answer();
        if (r == null) {
            throw refused(hangs("(" + (socket != null ? "its ping on " + socket : "docker version") + " got no answer within " + PING.toSeconds() + " s, " + MISSES + " times in a row)"));
        }
        return r;
    }

    private PikoException refused(PikoException e) {
        runner.refuse("docker", e);
        return e;
    }

    /** The error for a daemon that does not answer, naming where it is and what chose it. */
    PikoException hangs(String when) {
        Endpoint at = endpoint();
        return new PikoException("the Docker daemon at " + at.host() + " does not answer " + when,
                at.chosenBy() + " chooses this daemon: check it (docker info) and restart it, or " + at.switchTo(), ExitCode.UNAVAILABLE);
    }

    /** The hint for a daemon that is not running at all, naming DOCKER_HOST when that chose it. */
    static String notRunningHint() {
        String host = System.getenv("DOCKER_HOST");
        String start = "start Docker (for example: systemctl start docker, or dockerd) and retry";
        return host == null || host.isBlank() ? start : start + "; DOCKER_HOST=" + host + " chooses the daemon (unset it for the docker context's)";
    }

    record Endpoint(String host, String chosenBy, String switchTo) {
    }

    /** Where docker connects, from DOCKER_HOST, else the context in use (both read locally, no daemon). */
    Endpoint endpoint() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return new Endpoint(host, "DOCKER_HOST=" + host, "unset DOCKER_HOST (or point it at a daemon that answers)");
        }
        String context = System.getenv("DOCKER_CONTEXT");
        if (context == null || context.isBlank()) {
            context = local(List.of("docker", "context", "show"), "default");
        }
        String endpoint = local(List.of("docker", "context", "inspect", "--format", "{{.Endpoints.docker.Host}}", context),
                "(unknown)");
        return new Endpoint(endpoint, "the docker context '" + context + "'",
                "switch to another context (docker context ls, docker context use <name>)");
    }

    private String local(List<String> command, String otherwise) {
        try {
            ProcessRunner.Result r = runner.run(Call.of(PING, command));
            return r.ok() && !r.stdout().isBlank() ? r.stdout().strip() : otherwise;
        } catch (PikoException e) {
            return otherwise;
        }
    }
}
