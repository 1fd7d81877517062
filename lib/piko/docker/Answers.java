package piko.docker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import piko.exec.ProcessRunner.Result;

/**
 * Docker's answers to the read calls of one command, so that each fact (the container list, the
 * networks, compose's version and model) is asked once per command. Live answers (ps, ls, inspect)
 * hold until a docker call that may change Docker's objects runs (a compose call on one project
 * changes only that project's listing; the networks containers are on may change with any);
 * stable ones (compose's version, its model of unchanged files) hold for the whole command.
 */
public final class Answers {
    /** A live answer and the compose project it lists (null: not one project's). */
    private record Known(Result result, String scope) {
    }

    private final Map<List<Object>, Known> live = new HashMap<>();
    /** The live answers asked since the last change (a container's networks are read from these only). */
    private final java.util.Set<Result> fresh = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Map<List<Object>, Result> stable = new HashMap<>();
    /** The networks of each container a live `docker ps` listed, by container name. */
    private final Map<String, List<String>> networks = new HashMap<>();

    Result live(List<Object> key, String scope, Supplier<Result> ask) {
        synchronized (this) {
            Known known = live.get(key);
            if (known != null) {
                return known.result();
            }
        }
        Result answer = ask.get();  // outside the lock: a slow docker call holds up no other thread's answer
        if (answer == null) {
            return null;  // not asked after all (the API's socket could not be reached): nothing to keep
        }
        synchronized (this) {
            live.put(key, new Known(answer, scope));
            fresh.add(answer);
        }
        return answer;
    }

    synchronized boolean fresh(Result answer) {
        return fresh.contains(answer);
    }

    Result stable(List<Object> key, Supplier<Result> ask) {
        return answer(stable, key, ask);
    }

    /** A call that may have changed containers, networks or volumes ran: the live answers are old. */
    synchronized void forgetLive() {
        forget(null);
    }

    /** A container joined or left a network: only what shows containers' networks is old. */
    synchronized void forgetAttachments() {
        live.keySet().removeIf(key -> showsAttachments((List<?>) key.get(0)));
        networks.clear();
        fresh.clear();
    }

    /** A docker inspect, or the Engine API's inspect of one container (/containers/{id}/json). */
    private static boolean showsAttachments(List<?> command) {
        return command.size() > 1 && ("inspect".equals(command.get(1))
                || "api".equals(command.get(0)) && String.valueOf(command.get(1)).matches("/containers/[^/]+/json"));
    }

    /** A call that may have changed this compose project's objects (null: any objects) ran. */
    synchronized void forget(String composeProject) {
        live.values().removeIf(k -> composeProject == null || k.scope() == null || k.scope().equals(composeProject));
        networks.clear();
        fresh.clear();
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
