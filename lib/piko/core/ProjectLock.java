package piko.core;

import java.util.function.Supplier;

/**
 * The project lock: held around every change of piko.yaml's shared list and of the shared
 * instances, so piko processes of one project make those changes one at a time. Re-entrant within
 * a run (share holds it while it starts the instance, which takes it too). piko.state implements it.
 */
public interface ProjectLock {
    /** Runs work while holding the lock; says that it waits when another process holds it. */
    <T> T holding(Supplier<T> work);

    /** True while another process holds it (a command of this project is running now). */
    default boolean heldElsewhere() {
        return false;
    }

    /**
     * Runs work holding the lock when no other process holds it, and says true; says false at once,
     * without running it, when another process does (doctor --fix skips a busy environment).
     */
    default boolean tryHolding(Runnable work) {
        holding(work);
        return true;
    }

    /** What the holder wrote of itself ("piko create x, process 123"); empty when unknown. */
    default String holder() {
        return "";
    }

    default void holding(Runnable work) {
        holding(() -> {
            work.run();
            return null;
        });
    }
}
