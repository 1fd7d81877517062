package piko.docker;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;

/** Runs the docker CLI for this package: the limits each kind of call gets, and one check of its result. */
final class DockerCli {
    private final ProcessRunner runner;
    private final Timeouts timeouts;
    private final Daemon daemon;
    private final Answers answers;
    private final ComposeCache cache;
    /** The daemon's API on its local socket, for reads and network links without a process; null: the CLI only. */
    private final EngineApi engine;

    DockerCli(ProcessRunner runner, Timeouts timeouts, Answers answers) {
        this.runner = runner;
        this.timeouts = timeouts;
        this.daemon = new Daemon(runner);
        this.answers = answers;
        this.engine = EngineApi.local(runner, daemon, timeouts.docker());
        // a runner that plays Docker (the unit tests') never meets answers kept from the real one
        this.cache = runner.getClass() == ProcessRunner.class ? ComposeCache.ofUser() : ComposeCache.none();
        if (runner.getClass() == ProcessRunner.class) {
            ComposePlugin.find(System.getenv(), java.nio.file.Path.of(System.getProperty("user.home")))
                    .ifPresent(plugin -> runner.launchWith(ComposePlugin.launcher(plugin)));
        }
    }

    ComposeCache cache() {
        return cache;
    }

    Answers answers() {
        return answers;
    }

    /** The runner, for a call that may change Docker's objects (the answers of earlier reads are forgotten). */
    ProcessRunner runner() {
        answers.forgetLive();
        return runner;
    }

    /** The runner, for this call that may change Docker's objects (see changes). */
    ProcessRunner runnerFor(Call call) {
        answers.forget(changes(call));
        return runner;
    }

    private static final java.util.Set<String> ONE_PROJECT = java.util.Set.of("up", "rm", "stop", "restart", "down", "logs");

    /**
     * The compose project whose objects a call may change, when that is all it may change (compose's
     * up, rm, stop, restart, down of one project); null when it may change anything.
     */
    static String changes(Call call) {
        List<String> c = call.command();
        if (c.size() < 4 || !c.get(1).equals("compose") || !c.get(2).equals("-p")) {
            return null;
        }
        int i = 4;
        while (i + 1 < c.size() && c.get(i).startsWith("-")) {
            i += 2;  // the -f, --project-directory and --profile options piko puts before the subcommand, each with its value
        }
        return i < c.size() && ONE_PROJECT.contains(c.get(i)) ? c.get(3) : null;
    }

    /** The compose project a read lists (its filter names one), else null. */
    private static String lists(Call call) {
        List<String> c = call.command();
        String prefix = "label=" + piko.model.Labels.COMPOSE_PROJECT + "=";
        for (int i = 0; i + 1 < c.size(); i++) {
            if (c.get(i).equals("--filter") && c.get(i + 1).startsWith(prefix)) {
                return c.get(i + 1).substring(prefix.length());
            }
        }
        return null;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    Daemon daemon() {
        return daemon;
    }

    /** A quick docker call (ps, inspect, network, version), limited by timeouts.docker, stopped sooner when the daemon hangs. */
    Call quick(List<String> command) {
        return Call.of(timeouts.docker(), command).timeoutSetBy("timeouts.docker").watchedBy(daemon.watch(command));
    }

    /**
     * Compose work that may legitimately take long (pull, build, up, wait for health, stop): no limit
     * unless timeouts.compose sets one, but stopped when the daemon stops answering.
     */
    Call slow(List<String> command) {
        return Call.of(timeouts.compose(), command).timeoutSetBy("timeouts.compose").watchedBy(daemon.watch(command));
    }
    /** Runs a call that may change Docker's objects and returns its result, failed or not. */
    Result run(Call call) {
        List<String> c = call.command();
        if (c.size() > 2 && c.get(1).equals("network") && (c.get(2).equals("connect") || c.get(2).equals("disconnect"))) {
            answers.forgetAttachments();
        } else {
            answers.forget(changes(call));
        }
        return runner.run(call);
    }

    /** A read of Docker's objects (ps, ls, inspect): the answer of the same read earlier in this command, if nothing changed since. */
    Result read(Call call) {
        return answers.live(List.of(call.command(), String.valueOf(call.directory()), call.environment()), lists(call),
                () -> runner.run(call));
    }

    /** A read whose answer no docker call changes (what also decides it goes into content): asked once per command. */
    Result stable(Call call, Object content) {
        return answers.stable(List.of(call.command(), String.valueOf(call.directory()), call.environment(), content),
                () -> runner.run(call));
    }

    /**
     * A read through the Engine API (see EngineApi), its answer kept as read's are (scope: the compose
     * project it lists, or null); null when the API cannot be used here: ask the CLI instead.
     */
    Result apiRead(String path, Map<String, String> query, String scope) {
        if (engine == null || !engine.usable()) {
            return null;
        }
        return answers.live(List.of(List.of("api", path, new java.util.TreeMap<>(query).toString())), scope,
                () -> engine.get(path, query));
    }

    /** A read through the Engine API asked anew each time (a state polled while it changes); null: ask the CLI. */
    Result apiFresh(String path, Map<String, String> query) {
        return engine == null || !engine.usable() ? null : engine.get(path, query);
    }

    /** apiRead, failing as check does; null when the API cannot be used here. */
    Result apiReadChecked(String path, Map<String, String> query, String scope, String what) {
        Result r = apiRead(path, query, scope);
        return r == null ? null : checked(r, failed(what));
    }

    /** A container joins or leaves a network through the Engine API; null when the API cannot be used here. */
    Result apiLink(String path, String json) {
        if (engine == null || !engine.usable()) {
            return null;
        }
        answers.forgetAttachments();
        return engine.post(path, json);
    }

    /** The compose project a label filter (key=value) lists, else null. */
    static String scopeOf(String label) {
        String prefix = piko.model.Labels.COMPOSE_PROJECT + "=";
        return label.startsWith(prefix) ? label.substring(prefix.length()) : null;
    }

    /** read, failing as check does. */
    Result readChecked(Call call, Function<Result, PikoException> failure) {
        return checked(read(call), failure);
    }

    Result readChecked(Call call, String what) {
        return readChecked(call, failed(what));
    }

    /** stable, failing as check does. */
    Result stableChecked(Call call, Object content, Function<Result, PikoException> failure) {
        return checked(stable(call, content), failure);
    }

    /**
     * Runs a call that must succeed: a daemon that is not running or a missing compose plugin fail
     * as such (DockerErrors), any other failure as the error made of the result.
     */
    Result check(Call call, Function<Result, PikoException> failure) {
        return checked(run(call), failure);
    }

    private static Result checked(Result r, Function<Result, PikoException> failure) {
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            throw failure.apply(r);
        }
        return r;
    }

    /** check, failing with "<what> failed:" and the output. */
    Result check(Call call, String what) {
        return check(call, failed(what));
    }

    private static Function<Result, PikoException> failed(String what) {
        return r -> new PikoException(what + " failed:\n" + r.output());
    }
}
