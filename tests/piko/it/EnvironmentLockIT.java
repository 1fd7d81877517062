package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.zeroturnaround.exec.ProcessResult;

/** Commands on one environment run one at a time: create and destroy of one name never interleave. */
class EnvironmentLockIT extends DockerRequired {
    /** One container with a named volume, stopped at once: the race, not the stop, is what takes time. */
    static final String ONE = """
            services:
              box:
                image: piko-test/busybox:1
                command: ["sleep", "3600"]
                stop_signal: SIGKILL
                volumes: [data:/data]
            volumes:
              data: {}
            """;
    private static final int RACES = 20;

    @Test
    void createAndDestroyOfOneNameNeverInterleave() throws Exception {
        try (TestProject p = TestProject.initialised(ONE)) {
            ExecutorService lanes = Executors.newFixedThreadPool(2);
            List<Future<String>> races = new ArrayList<>();
            for (int i = 0; i < RACES; i++) {
                String name = "r" + i;
                long delay = (i / 2 % 5) * 400L;  // destroy from 0 to 1.6 s after create: early, mid-start, at the end
                races.add(lanes.submit(() -> race(p, name, delay)));
            }
            int waited = 0;
            for (Future<String> f : races) {
                waited += f.get().equals("waited") ? 1 : 0;
            }
            lanes.shutdown();
            assertTrue(waited > 0, "in some race destroy came while create ran, waited for it, and said so");
        }
    }

    /**
     * doctor --fix repairs an environment only holding its lock: while `down b` holds it (compose
     * stops web at once, then waits out slow's grace period), doctor sees web exited while slow runs,
     * and --fix says b is busy and leaves web as the down has it; once the down ended, nothing is
     * left to repair (b is stopped as a whole).
     */
    @Test
    void doctorFixSkipsAnEnvironmentThatAnotherCommandHoldsAndSaysSo() throws Exception {
        try (TestProject p = TestProject.initialised("""
                services:
                  slow:
                    image: piko-test/busybox:1
                    command: ["sleep", "3600"]
                    stop_grace_period: 120s
                  web:
                    image: piko-test/busybox:1
                    command: ["sleep", "3600"]
                    stop_signal: SIGKILL
                    depends_on: [slow]
                """)) {
            p.piko("create", "b").ok();
            String web = p.composeProject("b") + "-web-1";
            String slow = p.composeProject("b") + "-slow-1";
            List<String> output = new ArrayList<>();
            Process down = OwnProcessGroup.start(p, output, said -> state(web).equals("exited"), "down", "b");
            try {
                assertEquals("running", state(slow), "the down waits for slow: " + output);
                Run fix = p.piko("doctor", "--fix");
                assertEquals(1, fix.code(), fix.describe());
                assertTrue(fix.err().matches("(?s).*doctor: b is busy \\(piko down b running, pid \\d+\\); run doctor again when it ends\n.*"),
                        fix.describe());
                assertTrue(fix.out().contains("b: web is exited (137) while the rest of b runs; --fix: start it (piko up b)"
                        + " (skipped: b is busy)"), fix.describe());
                Run json = p.piko("doctor", "--fix", "--json");
                List<java.util.Map<String, Object>> rows = new org.yaml.snakeyaml.Yaml().load(json.out());
                java.util.Map<String, Object> row = rows.stream().filter(r -> "b".equals(r.get("subject"))).findFirst().orElseThrow();
                assertEquals(false, row.get("fixed"), json.describe());
                assertTrue(String.valueOf(row.get("busy")).matches("piko down b, process \\d+"), json.describe());
                assertEquals("exited", state(web), "left as the down has it");
                assertTrue(down.isAlive(), "the down still ran as doctor looked: " + output);
            } finally {
                TestProject.docker("kill", slow);  // the down's wait ends
            }
            assertEquals(0, down.waitFor(), String.join("\n", output));
            assertEquals("exited", state(web));
            Run after = p.piko("doctor", "--fix").ok();
            assertTrue(after.err().contains("Nothing to fix: the state matches Docker and git"), after.describe());
        }
    }

    private static String state(String container) {
        return TestProject.docker("inspect", "-f", "{{.State.Status}}", container).out().strip();
    }

    /** create, then destroy after a delay; the end state must be one of the two orders, never a mix. */
    private static String race(TestProject p, String name, long delay) throws Exception {
        Future<ProcessResult> create = p.startPiko("create", name);
        Thread.sleep(delay);
        Future<ProcessResult> destroy = p.startPiko("destroy", name, "--volumes");
        ProcessResult c = create.get();
        ProcessResult d = destroy.get();
        String both = "create:\n" + c.outputUTF8() + "\ndestroy:\n" + d.outputUTF8();
        assertEquals(0, c.getExitValue(), both);
        String cp = p.composeProject(name);
        List<String> left = DockerOracle.anythingOf("com.docker.compose.project", cp, cp + "_");
        left.addAll(DockerOracle.anythingOf("com.docker.compose.project", cp, cp + "-"));
        if (d.getExitValue() == 0) {
            // destroy after create: it waited for the create to finish, then removed all of it
            assertEquals(List.of(), left, both);
            assertTrue(!Files.exists(p.worktree(name)), both);
            assertTrue(p.piko("list").ok().out().lines().noneMatch(l -> l.startsWith(name + " ")), both);
            return d.outputUTF8().contains("piko: waiting for another piko command on environment " + name
                    + " to finish (piko create " + name) ? "waited" : "after";
        }
        // destroy before create had reserved the name: it found nothing, and create made all of it
        assertTrue(d.outputUTF8().contains("error: no environment named '" + name + "'"), both);
        assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches(name + "\\s+running.*")), both);
        assertTrue(DockerOracle.volumesOfProject(cp).size() == 1, "its volume, labelled: " + both);
        p.piko("destroy", name, "--volumes").ok();
        return "before";
    }
}
