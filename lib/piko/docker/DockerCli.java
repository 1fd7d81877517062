package piko.docker;

import java.util.List;
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

    DockerCli(ProcessRunner runner, Timeouts timeouts) {
        this.runner = runner;
        this.timeouts = timeouts;
        this.daemon = new Daemon(runner);
    }

    ProcessRunner runner() {
        return runner;
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
    /** Runs a call and returns its result, failed or not. */
    Result run(Call call) {
        return runner.run(call);
    }

    /**
     * Runs a call that must succeed: a daemon that is not running or a missing compose plugin fail
     * as such (DockerErrors), any other failure as the error made of the result.
     */
    Result check(Call call, Function<Result, PikoException> failure) {
        Result r = runner.run(call);
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            throw failure.apply(r);
        }
        return r;
    }

    /** check, failing with "<what> failed:" and the output. */
    Result check(Call call, String what) {
        return check(call, r -> new PikoException(what + " failed:\n" + r.output()));
    }
}
