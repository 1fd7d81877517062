package piko.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import piko.error.PikoException;

/**
 * A change made of named steps, each with its undo. A step is recorded (journal) and its undo
 * registered before it runs, so a step that fails halfway is undone too: undos tolerate finding
 * nothing to undo. {@link #undo} runs the undos newest first; a failing undo is reported and the
 * rest still run.
 */
public final class Steps {
    /** One step: its name in the journal, what it does, and how to take it back (undoWhat says it in words). */
    public record Step(String name, Runnable run, String undoWhat, Runnable undo) {
    }

    /** Where each step is written down before it runs (the state, for crash safety). */
    public interface Journal {
        void started(String step);
    }

    private final Journal journal;
    private final Cancellation cancellation;
    private final Deque<Step> taken = new ArrayDeque<>();

    public Steps(Journal journal, Cancellation cancellation) {
        this.journal = journal;
        this.cancellation = cancellation;
    }

    /** Records and runs a step that gives a result. */
    public <T> T run(String name, String undoWhat, Runnable undo, java.util.function.Supplier<T> work) {
        Object[] result = new Object[1];
        run(new Step(name, () -> result[0] = work.get(), undoWhat, undo));
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** Records and runs a step; fails at once when a signal came before it. */
    public void run(Step step) {
        requireNotInterrupted("before step '" + step.name() + "'");
        journal.started(step.name());
        taken.push(step);
        step.run().run();
    }

    /**
     * Fails when a signal came, also one that came too late to interrupt a step: a script ended
     * by the same Ctrl-C may have returned normally before the signal reached piko.
     */
    public void requireNotInterrupted(String where) {
        if (Thread.currentThread().isInterrupted() || cancellation.signal() != null) {
            throw new PikoException("interrupted " + where);
        }
    }

    /** Whether any step was taken (and so has something to undo). */
    public boolean anyTaken() {
        return !taken.isEmpty();
    }

    /** Undoes every step taken, newest first; a signal no longer interrupts this thread. */
    public void undo(Consumer<String> warn) {
        cancellation.beginUndo();
        while (!taken.isEmpty()) {
            Step step = taken.pop();
            try {
                step.undo().run();
            } catch (RuntimeException e) {
                warn.accept("could not " + step.undoWhat() + ": " + e.getMessage());
            }
        }
    }
}
