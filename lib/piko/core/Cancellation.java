package piko.core;

/**
 * Turns a signal (Ctrl-C, SIGTERM) into an interruption of the thread doing the work, so that it
 * stops where it is and undoes what it made itself, on that thread. Once the undo has begun,
 * further signals interrupt nothing: the undo must finish.
 */
public final class Cancellation {
    private final Thread worker;
    private String signal;
    private boolean undoing;

    public Cancellation(Thread worker) {
        this.worker = worker;
    }

    /** Called from the signal's thread. */
    public synchronized void signal(String name) {
        if (signal == null) {
            signal = name;
        }
        if (!undoing) {
            worker.interrupt();
        }
    }

    /** Called by the worker before it undoes: clears its interruption and lets no signal interrupt it again. */
    public synchronized void beginUndo() {
        undoing = true;
        Thread.interrupted();
    }

    /**
     * Runs clean-up that a signal must not cut short (resuming paused containers): the worker's
     * interruption is cleared for it, and a signal that came before or meanwhile interrupts the
     * worker again once it is done. Ctrl-C reaches piko's children too, so a docker command can fail
     * from the signal before the worker is interrupted: the clean-up may start uninterrupted.
     */
    public void shielded(Runnable cleanUp) {
        boolean wasUndoing;
        synchronized (this) {
            wasUndoing = undoing;
            undoing = true;
            Thread.interrupted();
        }
        try {
            cleanUp.run();
        } finally {
            synchronized (this) {
                undoing = wasUndoing;
                if (signal != null && !undoing) {
                    worker.interrupt();
                }
            }
        }
    }

    /** The first signal received (INT, TERM), or null. */
    public synchronized String signal() {
        return signal;
    }
}
