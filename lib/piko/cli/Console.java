package piko.cli;

import java.io.PrintWriter;
import piko.core.Reporter;

/**
 * The talk of a command, all on stderr (stdout is data): check-mark lines, information and
 * warnings. --quiet drops the first two. The check mark is ASCII where the encoding cannot show it.
 */
final class Console implements Reporter {
    private static final String GREEN = "32";
    private static final String YELLOW = "33";
    private final PrintWriter err;
    private final boolean quiet;

    Console(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void done(String message) {
        if (!quiet) {
            err.println(Terminal.paint(err, GREEN, Terminal.unicode(err) ? "\u2713" : "*") + " " + message);
            err.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println(Terminal.paint(err, YELLOW, "warning:") + " " + message);
        err.flush();
    }

    @Override
    public void waiting(String message) {
        err.println("piko: " + message);
        err.flush();
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }
}
