package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * share, isolate, create and destroy killed by SIGKILL at named moments: doctor reports what each
 * left (from the command's journal), doctor --fix finishes or undoes it, and the user's work stays;
 * and what no label proves piko's is only reported.
 * One project for the class; each test uses its own service or environment names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledCommandsIT extends DockerRequired {
    /**
     * cache: the health check of its shared instance never passes (share waits in compose for ever;
     * an environment's own instance is healthy at once); the shared one ignores SIGTERM (PID 1
     * without a handler), so stopping it takes its whole grace period.
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
                command: ["sh", "-c", "[ ${PIKO_ENV_NAME:-shared} = shared ] || { touch /tmp/ready; trap 'exit 0' TERM; }; while :; do sleep 1; done"]
                stop_grace_period: 5s
                healthcheck:
                  test: ["CMD", "test", "-f", "/tmp/ready"]
                  interval: 1s
                  retries: 10000
            """;

    /** The setup script of k and the destroy script of d wait, so that a kill finds them midway. */
    private static final String SCRIPTS = """
            scripts:
              setup: 'if [ "$PIKO_ENV_NAME" = k ]; then echo setup-started; sleep 120; fi'
              destroy: 'if [ "$PIKO_ENV_NAME" = d ]; then echo destroy-started; sleep 120; fi'
            """;

    private TestProject p;

    @BeforeAll
    void project() throws Exception {
        p = TestProject.withCompose(COMPOSE);
        p.pikoYaml(SCRIPTS);
        p.commit("scripts");
        p.piko("init").ok();
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
        return killWhen(reached, () -> { }, args);
    }

    /** The same, with a check run at that moment, before the kill. */
    private String killWhen(java.util.function.Predicate<List<String>> reached, Runnable atTheMoment, String... args)
            throws Exception {
        List<String> output = new ArrayList<>();
        Process piko = OwnProcessGroup.start(p, output, reached, args);
        try {
            atTheMoment.run();
        } finally {
            TestProject.exec(p.root, java.util.Map.of(), List.of("kill", "-KILL", "--", "-" + piko.pid())).ok();
        }
        piko.waitFor();
        assertEquals(137, piko.exitValue());
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private java.util.function.Predicate<List<String>> sharedRunning(String service) {
        return output -> !TestProject.docker("ps", "-q", "--filter", "status=running", "--filter",
                "name=^" + p.composeProject("shared") + "-" + service + "-1$").out().isBlank();
    }

    private List<String> sharedContainers() {
        return DockerOracle.containers("com.docker.compose.project", p.composeProject("shared")).stream()
                .map(c -> c.getLabels().get("com.docker.compose.service")).sorted().toList();
    }

    /** doctor reports each expected line, and --fix repairs them all (its check after the repairs finds nothing left to repair). */
    private Run doctorFixes(String... expected) {
        Run doctor = p.piko("doctor");
        assertEquals(1, doctor.code(), doctor.describe());
        for (String e : expected) {
            assertTrue(doctor.out().contains(e), "doctor reports: " + e + "\n" + doctor.describe());
        }
        Run fix = p.piko("doctor", "--fix").ok();
        assertFalse(fix.err().contains("could not fix") || fix.out().contains("still: ") || fix.out().contains("did not help"),
                fix.describe());
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

        said = killWhen(OwnProcessGroup.said("Stopping shared cache"), "isolate", "cache");
        assertTrue(said.contains("Marked cache as isolated"), said);
        assertEquals(List.of("cache"), sharedContainers(), "the kill came before compose removed it\n" + said);
        p.piko("isolate", "cache").fails("cache is not shared");
        doctorFixes("shared cache: isolate cache was interrupted (at step stop)", "--fix: finish it");
        assertEquals(List.of(), sharedContainers());
        assertFalse(DockerOracle.networkExists(p.composeProject("shared")), "the last instance takes the shared network");
        assertFalse(Files.readString(p.root.resolve("piko.yaml")).contains("cache"));
    }

    @Test
    void aCreateKilledInItsSetupScriptIsRemovedAndTheWorkDoneInItKept() throws Exception {
        killWhen(OwnProcessGroup.said("setup-started"), () -> {
            Run running = p.piko("doctor").ok();  // nothing to repair while create runs: it holds k's lock
            assertTrue(running.out().contains("k: a command runs on it now (piko create k, process "), running.describe());
        }, "create", "k");
        assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("k\\s+broken.*")));
        java.nio.file.Path wt = p.worktree("k");
        Files.writeString(wt.resolve("work.txt"), "done in the broken environment\n");
        TestProject.git(wt, "add", "work.txt");
        TestProject.git(wt, "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "-m", "work");

        Run fix = doctorFixes("k: its create did not finish (at step setup script); --fix: remove what it made, as piko destroy k does");
        assertTrue(fix.err().contains("kept branch k: 1 commit is on no other branch"), fix.describe());
        assertEquals("work", p.git("log", "-1", "--format=%s", "k").strip(), "the branch and its commit stay");
        assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("k")));
        assertFalse(DockerOracle.networkExists(p.composeProject("k")));
        assertFalse(Files.exists(wt));
        assertFalse(p.piko("list").ok().out().contains("k "));
    }

    @Test
    void aDestroyKilledInItsScriptIsFinishedWithoutRunningTheScriptAgain() throws Exception {
        p.piko("create", "d").ok();
        killWhen(OwnProcessGroup.said("destroy-started"), "destroy", "d");
        assertEquals(2, DockerOracle.containers("com.docker.compose.project", p.composeProject("d")).size(), "nothing removed yet");

        Run fix = doctorFixes("d: its destroy was interrupted (at step destroy script); --fix: finish it, as piko destroy d does");
        assertFalse(fix.err().contains("destroy-started"), "the script is not run again\n" + fix.describe());
        assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("d")));
        assertFalse(DockerOracle.networkExists(p.composeProject("d")));
        assertFalse(Files.exists(p.worktree("d")));
        assertEquals("d", p.git("branch", "--list", "d").strip().replace("* ", ""), "destroy keeps the branch");
        assertFalse(p.piko("list").ok().out().contains("d "));
    }

    /** What compose made outside piko's override (no label proves piko made it): reported with the commands, never removed. */
    @Test
    void anUnlabelledVolumeNamedLikeTheProjectsIsReportedAndKept() throws Exception {
        String volume = p.composeProject("gone") + "_data";
        TestProject.docker("volume", "create", volume).ok();
        try {
            Run doctor = p.piko("doctor").ok();  // nothing that --fix would do
            assertTrue(doctor.out().contains("volume " + volume + ": named like this project's compose projects"), doctor.describe());
            assertTrue(doctor.out().contains("docker volume rm " + volume), doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertEquals(volume, TestProject.docker("volume", "ls", "-q", "--filter", "name=" + volume).out().strip(), "kept");
        } finally {
            TestProject.docker("volume", "rm", volume);
        }
    }
}
