package piko.docker;

import piko.error.ExitCode;
import java.util.List;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Result;

/**
 * What a failed docker call means, read from the signals Docker keeps stable across versions; the
 * two that stop every command (no daemon, no compose plugin) are errors of their own type.
 */
final class DockerErrors {
    /** The daemon does not answer: every command needs it. */
    static final class DaemonNotRunning extends PikoException {
        DaemonNotRunning(String output) {
            super("the Docker daemon is not running (" + firstLine(output) + ")",
                    Daemon.notRunningHint(), ExitCode.UNAVAILABLE);
        }
    }

    /** docker has no compose subcommand (compose v1 or none). */
    static final class ComposeMissing extends PikoException {
        ComposeMissing() {
            super("Docker Compose v2 is not installed", "install the Compose v2 plugin, version "
                    + ComposeVersion.MINIMUM + " or newer", ExitCode.UNAVAILABLE);
        }
    }

    private DockerErrors() {
    }

    /** Throws DaemonNotRunning or ComposeMissing when a failed call says so; returns otherwise. */
    static void requireReachable(Result r) {
        String out = r.output();
        if (out.contains("Cannot connect to the Docker daemon") || out.contains("Is the docker daemon running")
                || out.contains("docker.sock: connect: no such file")) {
            throw new DaemonNotRunning(out);
        }
        if (out.contains("'compose' is not a docker command") || out.contains("unknown shorthand flag: 'p'")) {
            throw new ComposeMissing();
        }
    }

    /** Docker's answer for an object that does not exist (it words it differently per object and version). */
    static boolean noSuchObject(Result r) {
        String out = r.output();
        return out.contains("No such") || out.contains("not found");
    }

    /** network connect of a container that is attached already. */
    static boolean alreadyConnected(Result r) {
        return r.output().contains("already exists");
    }

    /** network disconnect of a container that is not attached, or gone. */
    static boolean notConnected(Result r) {
        return r.output().contains("is not connected") || r.output().contains("No such");
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** The last lines of compose's output, where it says what went wrong. */
    static String tail(String output, int lines) {
        List<String> all = output.strip().lines().toList();
        return all.size() <= lines ? String.join("\n", all)
                : "(" + (all.size() - lines) + " earlier lines left out)\n" + String.join("\n", all.subList(all.size() - lines, all.size()));
    }
}
