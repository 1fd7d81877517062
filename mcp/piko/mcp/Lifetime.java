package piko.mcp;

import piko.error.ExitCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import piko.cli.Signals;

/**
 * When the server ends: its client closed stdin (it exited or crashed; no signal comes then), or
 * SIGINT/SIGTERM arrived. Waiting for the JVM's shutdown instead would leave a server behind for
 * every client that just goes away.
 */
final class Lifetime {
    /** Why the server ends: a signal's name (INT, TERM), or null when stdin closed. */
    private volatile String signal;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** Signals end the server through this object instead of starting the JVM's shutdown at once. */
    void takeSignals() {
        Signals.install(name -> {
            signal = name;
            ended.countDown();
        });
    }

    /** The client's stream: its end (or a read error) ends the server. */
    InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(guarded(super::read));
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(guarded(() -> super.read(b, off, len)));
            }
        };
    }

    private interface Read {
        int read() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            ended.countDown();
            throw e;
        }
    }

    private int ended(int n) {
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }

    /** Blocks until the client has gone or a signal came; returns the signal (null: stdin closed). */
    String await() throws InterruptedException {
        ended.await();
        return signal;
    }

    /** The exit code a shell reports for the way the server ended. */
    static int exitCode(String signal) {
        return (signal == null ? ExitCode.OK : "INT".equals(signal) ? ExitCode.INTERRUPTED : ExitCode.TERMINATED).code();
    }
}
