package piko.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * piko started as a terminal starts it: the leader of its own process group (perl's setpgrp, then
 * exec), SIGINT and SIGTERM at their defaults even when the tests run as a background job (which
 * ignores SIGINT), so that `kill -<signal> -<pid>` reaches it and its children as Ctrl-C would.
 */
final class OwnProcessGroup {
    private OwnProcessGroup() {
    }

    /** Starts piko in the project's folder; returns once `reached` holds for what it printed so far (stdout and stderr). */
    static Process start(TestProject p, List<String> output, Predicate<List<String>> reached, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; setpgrp(0, 0); exec @ARGV or die \"exec: $!\";"));
        cmd.addAll(TestProject.pikoCommand(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(p.root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(TestProject.MACHINE);
        Process piko = pb.start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(piko.getInputStream(), StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> reader.lines().forEach(l -> {
            synchronized (output) {
                output.add(l);
                output.notifyAll();
            }
        }));
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        synchronized (output) {
            while (!reached.test(output)) {
                assertTrue(piko.isAlive(), () -> "piko ended before the moment came:\n" + String.join("\n", output));
                assertTrue(System.nanoTime() < deadline, () -> "the moment never came:\n" + String.join("\n", output));
                output.wait(200);  // woken by each line; else the predicate (which may ask Docker) is tried again
            }
        }
        return piko;
    }

    /** The predicate of a line containing `text`. */
    static Predicate<List<String>> said(String text) {
        return output -> output.stream().anyMatch(l -> l.contains(text));
    }
}
