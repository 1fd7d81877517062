package piko.docker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import piko.exec.ProcessRunner.Result;

/**
 * Docker's answers to the read calls of one command, so that each fact (the container list, the
 * networks, compose's version and model) is asked once per command. Live answers (ps, ls, inspect)
 * hold until a docker call that may change Docker's objects runs; stable ones (compose's version,
 * its model of unchanged files) hold for the whole command.
 */
public final class Answers {
    private final Map<List<Object>, Result> live = new HashMap<>();
    private final Map<List<Object>, Result> stable = new HashMap<>();
    /** The networks of each container a live `docker ps` listed, by container name. */
    private final Map<String, List<String>> networks = new HashMap<>();

    Result live(List<Object> key, Supplier<Result> ask) {
        return answer(live, key, ask);
    }

    Result stable(List<Object> key, Supplier<Result> ask) {
        return answer(stable, key, ask);
    }

    /** A call that may have changed containers, networks or volumes ran: the live answers are old. */
    synchronized void forgetLive() {
        live.clear();
        networks.clear();
    }

    synchronized void sawNetworks(String container, List<String> of) {
        networks.put(container, of);
    }

    /** The networks a live `docker ps` showed the container on; null when none listed it since the last change. */
    synchronized List<String> networksSeen(String container) {
        return networks.get(container);
    }

    private Result answer(Map<List<Object>, Result> answers, List<Object> key, Supplier<Result> ask) {
        synchronized (this) {
            Result known = answers.get(key);
            if (known != null) {
                return known;
            }
        }
        Result fresh = ask.get();  // outside the lock: a slow docker call holds up no other thread's answer
        synchronized (this) {
            answers.put(key, fresh);
        }
        return fresh;
    }
}
