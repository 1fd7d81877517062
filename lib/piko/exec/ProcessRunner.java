package piko.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import org.zeroturnaround.exec.ProcessExecutor;
import piko.error.PikoException;
import org.zeroturnaround.exec.StartedProcess;

/**
 * The one place piko starts processes. Arguments are always a list (never a shell line),
 * every call has an explicit timeout (or none, for work that may take long, watched for hangs instead), and output is captured for error messages.
 */
public class ProcessRunner {
    private final Map<String, AtomicInteger> spawned = new ConcurrentHashMap<>();
    /** Programs not to start again in this run, with why: what they depend on stopped answering. */
    private final Map<String, PikoException> refused = new ConcurrentHashMap<>();

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** stderr and stdout together, for error messages. */
        public String output() {
            return (stderr.strip() + "\n" + stdout.strip()).strip();
        }
    }

    /**
     * A request: the command, where, with what extra environment, how long at most (null: no
     * limit), which piko.yaml key sets that limit, and an optional watch for hangs.
     */
    public record Call(List<String> command, Path directory, Map<String, String> environment,
                       Duration timeout, OutputStream echo, String timeoutKey, Watch watch) {
        public static Call of(Duration timeout, List<String> command) {
            return new Call(List.copyOf(command), null, Map.of(), timeout, null, null, null);
        }

        public Call in(Path dir) {
            return new Call(command, dir, environment, timeout, echo, timeoutKey, watch);
        }

        public Call withEnv(Map<String, String> env) {
            return new Call(command, directory, Map.copyOf(env), timeout, echo, timeoutKey, watch);
        }

        /** Also copy the process output to this stream while it runs. */
        public Call echoTo(OutputStream out) {
            return new Call(command, directory, environment, timeout, out, timeoutKey, watch);
        }

        /** The piko.yaml key that sets this call's timeout, for the hint when it expires. */
        public Call timeoutSetBy(String key) {
            return new Call(command, directory, environment, timeout, echo, key, watch);
        }

        /** Checks every so often, while the process runs, that what it depends on still answers. */
        public Call watchedBy(Watch w) {
            return new Call(command, directory, environment, timeout, echo, timeoutKey, w);
        }
    }

    /** How a command is started: as it reads, or as the docker room runs `docker compose` (its plugin, see ComposePlugin). */
    private volatile java.util.function.UnaryOperator<List<String>> launch = java.util.function.UnaryOperator.identity();

    public void launchWith(java.util.function.UnaryOperator<List<String>> how) {
        this.launch = how;
    }

    /** Where --verbose shows each command line as it starts; null: nowhere. */
    private volatile PrintWriter trace;

    public void traceTo(PrintWriter writer) {
        this.trace = writer;
    }

    /** A request to what a program talks to, made without it (the Engine API): traced ("+ api GET ..."), refused as the program is. */
    public void traceRequest(String program, String line) {
        requireNotRefused(program);
        ProcessTrace.show(trace, line);
    }

    private void requireNotRefused(String program) {
        PikoException no = refused.get(program);
        if (no != null) {
            throw new PikoException(no.getMessage(), no.hint(), no.code());
        }
    }

    /**
     * From now on, every call of the program fails at once with this error (a daemon that stopped
     * answering stays so for the few seconds a command lasts; each call waiting for it again would
     * only add its own wait).
     */
    public void refuse(String program, PikoException why) {
        refused.putIfAbsent(program, why);
    }

    /** Counts and traces a call about to start; fails when its program was refused. */
    private String starting(Call call) {
        String program = call.command().get(0);
        requireNotRefused(program);
        ProcessTrace.show(trace, ProcessTrace.line(call));
        spawned.computeIfAbsent(program, k -> new AtomicInteger()).incrementAndGet();
        return program;
    }

    public Result run(Call call) {
        String program = starting(call);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProcessExecutor executor = new ProcessExecutor()
                .command(launch.apply(call.command()))
                .redirectOutput(out)
                .redirectError(err)
                .environment(call.environment())
                .destroyOnExit()
                .exitValueAny();
        if (call.echo() != null) {
            executor.redirectOutputAlsoTo(call.echo()).redirectErrorAlsoTo(call.echo());
        }
        if (call.directory() != null) {
            executor.directory(call.directory().toFile());
        }
        if (call.timeout() != null && call.watch() == null) {
            executor.timeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        long began = ProcessTrace.started();
        try {
            int code = call.watch() == null ? executor.execute().getExitValue() : watched(executor.start(), call, program);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new PikoException("'" + String.join(" ", call.command()) + "' did not finish within "
                    + call.timeout().toSeconds() + " s and was stopped", ProcessErrors.timeoutHint(program, call.timeoutKey()));
        } catch (IOException e) {
            throw ProcessErrors.startFailed(program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while running " + program);
        } finally {
            ProcessTrace.ended(began, call.command());
        }
    }

    /**
     * Runs a command on piko's own terminal (stdin, stdout and stderr inherited), for logs -f and
     * interactive exec; returns its exit code. A timeout applies when the call has one.
     */
    public int runAttached(Call call) {
        String program = starting(call);
        ProcessBuilder builder = new ProcessBuilder(launch.apply(call.command())).inheritIO();
        return runBuilt(builder, call, program);
    }

    /**
     * Runs a command whose talk goes straight to piko's stderr (so compose sees a terminal there
     * and draws its own progress), with stdout discarded (it may be an MCP client's channel) and no
     * stdin; returns the exit code. Timeout and watch apply as in run().
     */
    public int runOnStderr(Call call) {
        String program = starting(call);
        ProcessBuilder builder = new ProcessBuilder(launch.apply(call.command()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        return runBuilt(builder, call, program);
    }

    /**
     * Runs a command with stdin and stderr inherited and hands its stdout over line by line (logs
     * through a pipe, cleaned of the terminal codes compose writes anyway); returns its exit code.
     */
    public int runLines(Call call, java.util.function.Consumer<String> eachLine) {
        String program = starting(call);
        ProcessBuilder builder = new ProcessBuilder(launch.apply(call.command()))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Thread[] reader = new Thread[1];
        int code = runBuilt(builder, call, program, process -> {
            reader[0] = new Thread(() -> {
                try (java.io.BufferedReader lines = process.inputReader()) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        eachLine.accept(line);
                    }
                } catch (IOException e) {
                    // the process was stopped: nothing more to hand over
                }
            }, "piko-lines");
            reader[0].start();
        });
        try {
            reader[0].join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code;
    }

    private int runBuilt(ProcessBuilder builder, Call call, String program) {
        return runBuilt(builder, call, program, process -> { });
    }

    /** Starts a process set up by the caller and waits for it, under the call's timeout and watch. */
    private int runBuilt(ProcessBuilder builder, Call call, String program, java.util.function.Consumer<Process> started) {
        builder.environment().putAll(call.environment());
        if (call.directory() != null) {
            builder.directory(call.directory().toFile());
        }
        Process process = null;
        long began = ProcessTrace.started();
        try {
            process = builder.start();
            started.accept(process);
            long deadline = call.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + call.timeout().toNanos();
            Watch.Clock clock = call.watch() == null ? null : call.watch().start();
            while (!process.waitFor(clock == null ? Math.max(1, deadline - System.nanoTime()) : clock.waitNanos(deadline),
                    TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() >= deadline) {
                    throw new PikoException("'" + String.join(" ", call.command()) + "' did not finish within "
                            + call.timeout().toSeconds() + " s and was stopped", ProcessErrors.timeoutHint(program, call.timeoutKey()));
                }
                PikoException hang = clock == null ? null : clock.check();
                if (hang != null) {
                    refuse(program, hang);
                    throw hang;
                }
            }
            return process.exitValue();
        } catch (IOException e) {
            throw ProcessErrors.startFailed(program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while running " + program);
        } finally {
            ProcessTrace.ended(began, call.command());
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** Waits for a started process, asking the watch between waits; stops it on a hang or at the timeout. */
    private int watched(StartedProcess started, Call call, String program) throws InterruptedException, TimeoutException {
        long deadline = call.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + call.timeout().toNanos();
        Watch.Clock clock = call.watch().start();
        while (true) {
            try {
                return started.getFuture().get(clock.waitNanos(deadline), TimeUnit.NANOSECONDS).getExitValue();
            } catch (InterruptedException e) {
                stop(started);  // a signal: what piko started must not outlive the interrupted step
                throw e;
            } catch (ExecutionException e) {
                throw new PikoException("could not run " + program + ": " + e.getCause().getMessage(),
                        null, e.getCause());
            } catch (TimeoutException stillRunning) {
                if (System.nanoTime() >= deadline) {
                    stop(started);
                    throw stillRunning;
                }
                PikoException hang = clock.check();
                if (hang != null) {
                    stop(started);
                    refuse(program, hang);
                    throw hang;
                }
            }
        }
    }

    private static void stop(StartedProcess started) {
        started.getProcess().descendants().forEach(ProcessHandle::destroyForcibly);
        started.getProcess().destroyForcibly();
        started.getFuture().cancel(true);
    }

    /** How many processes of each program this runner has started (for tracing and benchmarks). */
    public Map<String, Integer> spawnedCounts() {
        return new java.util.TreeMap<>(spawned.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
    }
}
