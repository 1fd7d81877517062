package piko.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A process runner for in-process command tests: Docker answers from rules (the first rule whose
 * words all occur in the command, in order), an unmatched docker call succeeds with no output, and
 * every other program (git) runs for real. Each docker command is recorded.
 */
public final class ScriptedDocker extends ProcessRunner {
    private record Rule(List<String> words, Result answer) {
    }

    public final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Rule> rules = new ArrayList<>();

    /** A daemon that answers, with compose 2.26.1. */
    public static ScriptedDocker healthy() {
        return new ScriptedDocker().answer("docker compose version", 0, "2.26.1\n", "")
                .answer("docker version", 0, "27.5.1\n", "");
    }

    /** Every docker call fails as the CLI does when nothing listens on the daemon's socket. */
    public static ScriptedDocker daemonDown() {
        return new ScriptedDocker().answer("docker compose version", 0, "2.26.1\n", "")
                .answer("docker", 1, "", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
                        + " Is the docker daemon running?\n");
    }

    /** Docker calls whose words include these (space-separated, in this order) get this answer; earlier rules win. */
    public ScriptedDocker answer(String words, int code, String stdout, String stderr) {
        rules.add(new Rule(List.of(words.split(" ")), new Result(code, stdout, stderr)));
        return this;
    }

    @Override
    public Result run(Call call) {
        return isDocker(call) ? played(call) : super.run(call);
    }

    @Override
    public int runAttached(Call call) {
        return isDocker(call) ? played(call).exitCode() : super.runAttached(call);
    }

    @Override
    public int runOnStderr(Call call) {
        return isDocker(call) ? played(call).exitCode() : super.runOnStderr(call);
    }

    @Override
    public int runLines(Call call, java.util.function.Consumer<String> eachLine) {
        if (!isDocker(call)) {
            return super.runLines(call, eachLine);
        }
        Result r = played(call);
        r.stdout().lines().forEach(eachLine);
        return r.exitCode();
    }

    /** The docker commands run so far whose words include these, in order. */
    public long count(String words) {
        List<String> w = List.of(words.split(" "));
        synchronized (calls) {
            return calls.stream().filter(c -> contains(c, w)).count();
        }
    }

    private static boolean isDocker(Call call) {
        return call.command().get(0).equals("docker");
    }

    private Result played(Call call) {
        calls.add(call.command());
        for (Rule r : rules) {
            if (contains(call.command(), r.words())) {
                return r.answer();
            }
        }
        return new Result(0, "", "");
    }

    /** Whether the words occur in the command in this order (others may come between). */
    private static boolean contains(List<String> command, List<String> words) {
        int at = 0;
        for (String c : command) {
            if (at < words.size() && c.equals(words.get(at))) {
                at++;
            }
        }
        return at == words.size();
    }
}
