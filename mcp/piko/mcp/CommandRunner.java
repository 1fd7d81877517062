package piko.mcp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import piko.cli.Main;
import piko.core.Cancellation;

/** Runs piko command lines in this process, one at a time, capturing their data and their talk. */
final class CommandRunner {
    /** A finished command: exit code, stdout (data) and stderr (talk, `error:` and `hint:` lines). */
    record Outcome(int code, String out, String err) {
        boolean ok() {
            return code == 0;
        }
    }

    private final ReentrantLock oneAtATime = new ReentrantLock();
    private volatile Cancellation running;
    private volatile boolean stopping;

    Outcome run(List<String> args) {
        oneAtATime.lock();
        try {
            if (stopping) {
                return new Outcome(75, "", "error: piko-mcp is shutting down");
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            running = new Cancellation(Thread.currentThread());
            int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), running, args.toArray(String[]::new));
            return new Outcome(code, out.toString(), err.toString());
        } finally {
            running = null;
            oneAtATime.unlock();
        }
    }

    /**
     * Stops the command that runs, as Ctrl-C would (a create undoes what it made), refuses new ones,
     * and waits for it to end; false if it has not ended within the time given.
     */
    boolean stop(String signal, long seconds) throws InterruptedException {
        stopping = true;
        Cancellation current = running;
        if (current != null) {
            current.signal(signal);
        }
        if (!oneAtATime.tryLock(seconds, TimeUnit.SECONDS)) {
            return false;
        }
        oneAtATime.unlock();
        return true;
    }
}
