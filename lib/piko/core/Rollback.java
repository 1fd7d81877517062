package piko.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** Undo steps recorded while something is being made, run newest first if it fails. */
public final class Rollback {
    private record Step(String what, Runnable undo) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    public synchronized void add(String what, Runnable undo) {
        steps.push(new Step(what, undo));
    }

    /** Runs every undo step; a failing step is reported and the rest still run. */
    public synchronized void run(Consumer<String> warn) {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo().run();
            } catch (RuntimeException e) {
                warn.accept("could not " + step.what() + ": " + e.getMessage());
            }
        }
    }

    public synchronized void clear() {
        steps.clear();
    }
}
