package piko.cli;

import java.io.PrintWriter;
import piko.core.Reporter;

/** Progress on stdout as check-mark lines, warnings on stderr. */
final class Console implements Reporter {
    private final PrintWriter out;
    private final PrintWriter err;

    Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void done(String message) {
        out.println("\u2713 " + message);
        out.flush();
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }

    @Override
    public void waiting(String message) {
        err.println("piko: " + message);
        err.flush();
    }

    @Override
    public void info(String message) {
        out.println(message);
        out.flush();
    }
}
