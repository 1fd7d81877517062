package piko.exec;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import piko.error.PikoException;

/**
 * A hang detector for a running process: `first` after it started, then every `every`, alive() is
 * asked; a failed answer is asked again at once, and after `misses` failed answers in a row the
 * process is stopped and the call fails with the error. A quick process never meets its watch.
 */
public record Watch(Duration first, Duration every, int misses, BooleanSupplier alive, Supplier<PikoException> error) {
    /** The same check at a steady pace. */
    public Watch(Duration every, int misses, BooleanSupplier alive, PikoException error) {
        this(every, every, misses, alive, () -> error);
    }

    public Clock start() {
        return new Clock();
    }

    /** One watched run: when to ask next, and how many answers in a row were missed. */
    public final class Clock {
        private long next = System.nanoTime() + first.toNanos();
        private int missed;

        /** How long to wait for the process before asking again, at most until the deadline. */
        public long waitNanos(long deadline) {
            return Math.max(1, Math.min(next, deadline) - System.nanoTime());
        }

        /** Asks alive() when it is time; the error once too many answers in a row were missed, else null. */
        public PikoException check() {
            if (System.nanoTime() < next) {
                return null;
            }
            if (alive.getAsBoolean()) {
                missed = 0;
                next = System.nanoTime() + every.toNanos();
                return null;
            }
            missed++;
            return missed >= misses ? error.get() : null;  // next stays past: asked again at once
        }
    }
}
