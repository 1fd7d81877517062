package piko.core;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import piko.error.PikoException;
import piko.model.Environment;

/**
 * `up --all` and `down --all`: every environment of the project, one after the other, one line
 * each and a summary. A failure does not stop the others; the command fails at the end, naming them.
 */
public final class Fleet {
    private final Workspace ws;
    private final Function<Reporter, Environments> environments;
    private final SharedInstances instances;
    private final Reporter out;
    private final Routing routing;

    /**
     * environments: the flows, talking through the given reporter (each environment's talk is cut
     * to one line); routing: the router's hostnames, following each environment.
     */
    public Fleet(Workspace ws, Function<Reporter, Environments> environments, SharedInstances instances, Reporter out,
                 Routing routing) {
        this.routing = routing;
        this.ws = ws;
        this.environments = environments;
        this.instances = instances;
        this.out = out;
    }

    /** Starts every environment that can start (the shared instances they use first); skips broken ones. */
    public void upAll() {
        List<Environment> all = ws.store().environments();
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Environment env : all) {
            String broken = !Environment.READY.equals(env.phase()) ? "its create did not finish; piko destroy " + env.name()
                    : !Files.isDirectory(env.path()) ? "worktree missing; piko doctor --fix, or piko destroy " + env.name() : null;
            if (broken != null) {
                out.warn(env.name() + ": skipped (" + broken + ")");
                skipped.add(env.name());
                continue;
            }
            if (run(env, e -> {
                environments.apply(prefixed(out, e.name())).up(e.name());
                routing.started(e.name());
            }, "not started")) {
                out.done(env.name() + ": running");
            } else {
                failed.add(env.name());
            }
        }
        int started = all.size() - failed.size() - skipped.size();
        summary("Started " + started + " of " + all.size() + " environment" + (all.size() == 1 ? "" : "s")
                + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped)), failed, all.size(), "start", "piko up ");
    }

    /** Stops every environment, then the shared instances (which then serve no running environment). */
    public void downAll() {
        List<Environment> all = ws.store().environments();
        List<String> failed = new ArrayList<>();
        for (Environment env : all) {
            if (run(env, e -> {
                environments.apply(prefixed(out, e.name())).down(e.name());
                routing.stopped(e.name());
            }, "not stopped")) {
                out.done(env.name() + ": stopped");
            } else {
                failed.add(env.name());
            }
        }
        List<String> stopped = instances.stopAll();
        if (!stopped.isEmpty()) {
            routing.sharedStopped();
            out.done("shared: stopped " + String.join(", ", stopped));
        }
        int done = all.size() - failed.size();
        summary("Stopped " + done + " of " + all.size() + " environment" + (all.size() == 1 ? "" : "s")
                + (stopped.isEmpty() ? "" : " and the shared services"), failed, all.size(), "stop", "piko down ");
    }

    private interface Action {
        void run(Environment env);
    }

    /** Runs one environment's action; false (said in one line) when it failed. Ctrl-C stops the whole command. */
    private boolean run(Environment env, Action action, String what) {
        try {
            action.run(env);
            return true;
        } catch (PikoException e) {
            if (e.exitCode() == 130 || e.exitCode() == 143 || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            out.warn(env.name() + ": " + what + ": " + e.getMessage().strip().lines().findFirst().orElse(""));
            return false;
        }
    }

    private void summary(String said, List<String> failed, int total, String verb, String retry) {
        if (failed.isEmpty()) {
            out.info(said);
            return;
        }
        out.info(said);
        throw new PikoException(failed.size() + " of " + total + " environments did not " + verb + ": " + String.join(", ", failed),
                "see why: " + retry + failed.get(0));
    }

    /** An environment's own talk during a fleet command: warnings and notes with its name, no check-mark lines. */
    static Reporter prefixed(Reporter out, String name) {
        return new Reporter() {
            @Override public void done(String message) { }
            @Override public void warn(String message) { out.warn(name + ": " + message); }
            @Override public void info(String message) { out.info(name + ": " + message); }
            @Override public void waiting(String message) { out.waiting(message); }
        };
    }
}
