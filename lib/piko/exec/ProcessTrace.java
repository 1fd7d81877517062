package piko.exec;

import java.util.List;

/**
 * What piko shows of the processes it runs: for --verbose, each command line as it starts; with
 * PIKO_TRACE_TIMES, each process piko ran and each request on the daemon's socket, on stderr when
 * it ends, with when it started (ms since the JVM started) and how long it took; and the command's
 * end. For finding where a command's time goes; off by default, never in a command's normal output.
 */
public final class ProcessTrace {
    static final boolean ON = System.getenv("PIKO_TRACE_TIMES") != null;
    private static final long JVM_START = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private ProcessTrace() {
    }

    /** A line of --verbose, when it is on (a writer to show it on). */
    static void show(java.io.PrintWriter trace, String line) {
        if (trace != null) {
            trace.println("+ " + line);
            trace.flush();
        }
    }

    /** A command line as --verbose shows it, with its folder. */
    static String line(ProcessRunner.Call call) {
        return call.command().stream().map(ProcessTrace::quoted).collect(java.util.stream.Collectors.joining(" "))
                + (call.directory() == null ? "" : "   (in " + call.directory() + ")");
    }

    /** An argument as a shell would need it, for reading (piko itself never runs a shell line). */
    static String quoted(String arg) {
        return !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)
                ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** The start of a process (or of a request on the daemon's socket), to hand to ended(). */
    public static long started() {
        return ON ? System.currentTimeMillis() : 0;
    }

    public static void ended(long started, List<String> command) {
        if (ON) {
            long now = System.currentTimeMillis();
            String line = String.join(" ", command);
            System.err.printf("piko: at %5d ms  took %5d ms  %s%n", started - JVM_START, now - started,
                    line.length() > 110 ? line.substring(0, 110) + "..." : line);
        }
    }

    /** The command's end, since the JVM started. */
    public static void exiting() {
        mark("the command ends, after " + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() + " ms").orElse("?")
                + " of CPU time in piko's own process");
    }

    /** A point of the command's own work, since the JVM started. */
    public static void mark(String what) {
        if (ON) {
            System.err.printf("piko: at %5d ms  cpu %4d ms  %s%n", System.currentTimeMillis() - JVM_START,
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000, what);
        }
    }
}
