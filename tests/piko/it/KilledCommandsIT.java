package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * share, isolate, create and destroy killed by SIGKILL at named moments: doctor reports what each
 * left (from the command's journal), doctor --fix finishes or undoes it, and the user's work stays.
 * One project for the class; each test uses its own service or environment names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledCommandsIT extends DockerRequired {
    /**
     * cache: its health check never passes (share waits in compose for ever), it ignores SIGTERM
     * (PID 1 without a handler), so stopping it takes its whole grace period.
     */
    private static final String COMPOSE = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080"]
                ports: ["8080"]
                stop_grace_period: 1s
              cache:
                image: piko-test/busybox:1
                command: ["sh", "-c", "while :; do sleep 1; done"]
                stop_grace_period: 5s
                healthcheck:
                  test: ["CMD", "test", "-f", "/tmp/ready"]
                  interval: 1s
                  retries: 10000
            """;

    private TestProject p;

    @BeforeAll
    void project() throws Exception {
        p = TestProject.initialised(COMPOSE);
    }

    @AfterAll
    void close() throws Exception {
        p.close();
    }

    /**
     * Starts piko in its own process group, waits until `reached` holds (a line it printed, or what
     * Docker shows), kills the whole group with SIGKILL, and returns what piko printed.
     */
    private String killWhen(java.util.function.Predicate<List<String>> reached, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "setpgrp(0, 0); exec @ARGV or die \"exec: $!\";"));
        cmd.addAll(TestProject.pikoCommand(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(p.root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(TestProject.MACHINE);
        Process piko = pb.start();
        List<String> output = new ArrayList<>();
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
                assertTrue(piko.isAlive(), () -> "piko ended before the moment to kill it:\n" + String.join("\n", output));
                assertTrue(System.nanoTime() < deadline, () -> "the moment never came:\n" + String.join("\n", output));
                output.wait(200);  // woken by each line; else Docker is asked again
            }
        }
        TestProject.exec(p.root, java.util.Map.of(), List.of("kill", "-KILL", "--", "-" + piko.pid())).ok();
        piko.waitFor();
        assertEquals(137, piko.exitValue());
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static java.util.function.Predicate<List<String>> said(String line) {
        return output -> output.stream().anyMatch(l -> l.contains(line));
    }

    private java.util.function.Predicate<List<String>> sharedRunning(String service) {
        return output -> !TestProject.docker("ps", "-q", "--filter", "status=running", "--filter",
                "name=^" + p.composeProject("shared") + "-" + service + "-1$").out().isBlank();
    }

    private List<String> sharedContainers() {
        return DockerOracle.containers("com.docker.compose.project", p.composeProject("shared")).stream()
                .map(c -> c.getLabels().get("com.docker.compose.service")).sorted().toList();
    }

    /** doctor reports each expected line, --fix repairs them all, and doctor then finds nothing to repair. */
    private Run doctorFixes(String... expected) {
        Run doctor = p.piko("doctor");
        assertEquals(1, doctor.code(), doctor.describe());
        for (String e : expected) {
            assertTrue(doctor.out().contains(e), "doctor reports: " + e + "\n" + doctor.describe());
        }
        Run fix = p.piko("doctor", "--fix").ok();
        assertFalse(fix.err().contains("could not fix"), fix.describe());
        p.piko("doctor").ok();
        return fix;
    }

    @Test
    void aShareKilledWhileComposeWaitsIsFinishedAndAnIsolateKilledWhileStoppingIsFinished() throws Exception {
        String said = killWhen(sharedRunning("cache"), "share", "cache");
        assertEquals(List.of("cache"), sharedContainers(), said);
        assertTrue(p.piko("shared").ok().err().contains("No shared services"), "the state does not know it yet");
        doctorFixes("shared cache: share cache was interrupted (at step start) after compose started its instance",
                "--fix: finish it: list cache in piko.yaml and the state");
        assertTrue(Files.readString(p.root.resolve("piko.yaml")).contains("- cache"));
        assertTrue(p.piko("shared").ok().out().contains("cache"));

        said = killWhen(said("Stopping shared cache"), "isolate", "cache");
        assertTrue(said.contains("Marked cache as isolated"), said);
        assertEquals(List.of("cache"), sharedContainers(), "the kill came before compose removed it\n" + said);
        p.piko("isolate", "cache").fails("cache is not shared");
        doctorFixes("shared cache: isolate cache was interrupted (at step stop)", "--fix: finish it");
        assertEquals(List.of(), sharedContainers());
        assertFalse(DockerOracle.networkExists(p.composeProject("shared")), "the last instance takes the shared network");
        assertFalse(Files.readString(p.root.resolve("piko.yaml")).contains("cache"));
    }
}
