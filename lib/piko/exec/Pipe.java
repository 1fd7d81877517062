package piko.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import piko.error.PikoException;

/**
 * Two processes with the first's stdout streamed into the second's stdin (docker cp out of one
 * container into another), counting the bytes. Argument lists only: no shell.
 */
public final class Pipe {
    public record Outcome(long bytes, int fromExit, int toExit, String fromErr, String toErr) {
        public boolean ok() {
            return fromExit == 0 && toExit == 0;
        }
    }

    private Pipe() {
    }

    public static Outcome run(List<String> from, List<String> to, Duration timeout) {
        Process a = null;
        Process b = null;
        try {
            b = new ProcessBuilder(to).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            a = new ProcessBuilder(from).start();
            Process reader = a;
            Process writer = b;
            StringBuilder aErr = drain(reader.getErrorStream());
            StringBuilder bErr = drain(writer.getErrorStream());
            long bytes = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = reader.getInputStream(); OutputStream out = writer.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    bytes += n;
                }
            } catch (IOException brokenPipe) {
                // the reader's failure is in its exit code and stderr
            }
            if (!reader.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || !writer.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PikoException("'" + String.join(" ", from) + "' did not finish within " + timeout.toSeconds() + " s");
            }
            return new Outcome(bytes, reader.exitValue(), writer.exitValue(), text(aErr), text(bErr));
        } catch (IOException e) {
            throw new PikoException("could not run '" + String.join(" ", from) + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while running '" + String.join(" ", from) + "'");
        } finally {
            if (a != null) {
                a.destroyForcibly();
            }
            if (b != null) {
                b.destroyForcibly();
            }
        }
    }

    private static StringBuilder drain(InputStream err) {
        StringBuilder sb = new StringBuilder();
        Thread t = new Thread(() -> {
            try (err) {
                String s = new String(err.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                synchronized (sb) {
                    sb.append(s);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return sb;
    }

    private static String text(StringBuilder sb) {
        synchronized (sb) {
            return sb.toString().strip();
        }
    }
}
