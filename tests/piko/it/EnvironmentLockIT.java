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
