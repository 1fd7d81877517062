package piko.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeroturnaround.exec.ProcessExecutor;
import piko.error.PikoException;

/**
 * The one place piko starts processes. Arguments are always a list (never a shell line),
 * every call has an explicit timeout, and output is captured for error messages.
 */
public class ProcessRunner {
    private static final Map<String, AtomicInteger> SPAWNED = new ConcurrentHashMap<>();

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** stderr and stdout together, for error messages. */
        public String output() {
            String both = (stderr.strip() + "\n" + stdout.strip()).strip();
            return both;
        }
    }

    /** A request: the command, where, with what extra environment, how long at most. */
    public record Call(List<String> command, Path directory, Map<String, String> environment,
                       Duration timeout, OutputStream echo) {
        public static Call of(Duration timeout, List<String> command) {
            return new Call(List.copyOf(command), null, Map.of(), timeout, null);
        }

        public Call in(Path dir) {
            return new Call(command, dir, environment, timeout, echo);
        }

        public Call withEnv(Map<String, String> env) {
            return new Call(command, directory, Map.copyOf(env), timeout, echo);
        }

        /** Also copy the process output to this stream while it runs. */
        public Call echoTo(OutputStream out) {
            return new Call(command, directory, environment, timeout, out);
        }
    }

    public Result run(Call call) {
        String program = call.command().get(0);
        SPAWNED.computeIfAbsent(program, k -> new AtomicInteger()).incrementAndGet();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProcessExecutor executor = new ProcessExecutor()
                .command(call.command())
                .redirectOutput(out)
                .redirectError(err)
                .environment(call.environment())
                .timeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .destroyOnExit()
                .exitValueAny();
        if (call.echo() != null) {
            executor.redirectOutputAlsoTo(call.echo()).redirectErrorAlsoTo(call.echo());
        }
        if (call.directory() != null) {
            executor.directory(call.directory().toFile());
        }
        try {
            int code = executor.execute().getExitValue();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new PikoException("'" + String.join(" ", call.command()) + "' did not finish within "
                    + call.timeout().toSeconds() + " s and was stopped",
                    "check that the Docker daemon is responsive (docker info)");
        } catch (IOException e) {
            if (isMissingProgram(e)) {
                throw new PikoException(program + " is not installed (not found on PATH)", installHint(program), 127);
            }
            throw new PikoException("could not run " + program + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while running " + program);
        }
    }

    /**
     * Runs a command on piko's own terminal (stdin, stdout and stderr inherited), for logs -f and
     * interactive exec; returns its exit code. The timeout still applies.
     */
    public int runAttached(Call call) {
        String program = call.command().get(0);
        SPAWNED.computeIfAbsent(program, k -> new AtomicInteger()).incrementAndGet();
        ProcessBuilder builder = new ProcessBuilder(call.command()).inheritIO();
        builder.environment().putAll(call.environment());
        if (call.directory() != null) {
            builder.directory(call.directory().toFile());
        }
        Process process = null;
        try {
            process = builder.start();
            if (!process.waitFor(call.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PikoException("'" + String.join(" ", call.command()) + "' did not finish within "
                        + call.timeout().toSeconds() + " s and was stopped");
            }
            return process.exitValue();
        } catch (IOException e) {
            if (isMissingProgram(e)) {
                throw new PikoException(program + " is not installed (not found on PATH)", installHint(program), 127);
            }
            throw new PikoException("could not run " + program + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while running " + program);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
    }

    /** How many processes of each program this JVM has started (for tracing and benchmarks). */
    public static Map<String, Integer> spawnedCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        SPAWNED.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private static boolean isMissingProgram(IOException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains("error=2") || msg.contains("No such file or directory");
    }

    private static String installHint(String program) {
        return switch (program) {
            case "git" -> "install git (for example: apt-get install git)";
            case "docker" -> "install Docker Engine with the Compose v2 plugin";
            default -> null;
        };
    }
}
