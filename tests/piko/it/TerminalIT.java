package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stdout is data and stderr talk; ASCII under LANG=C; --quiet, --verbose; colour only on a terminal, never with NO_COLOR. */
class TerminalIT extends DockerRequired {
    /** piko on a pseudo-terminal (util-linux script), its output as the terminal received it. */
    static Run onTerminal(TestProject p, Map<String, String> env, String... args) {
        List<String> line = new ArrayList<>();
        for (String word : TestProject.pikoCommand(args)) {
            line.add("'" + word.replace("'", "'\\''") + "'");
        }
        return TestProject.exec(p.root, env, List.of("script", "-qec", String.join(" ", line), "/dev/null"));
    }

    @Test
    void talkGoesToStderrInTheTerminalsEncodingAndQuietAndVerboseDoWhatTheySay() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run create = p.pikoAt(p.root, Map.of("LANG", "C", "LC_ALL", "C"), "create", "t").ok();
            assertEquals("", create.out(), create.describe());
            assertTrue(create.err().contains("* Started " + p.composeProject("t")), create.describe());
            assertFalse(create.err().contains("?"), create.describe());

            Run quiet = p.piko("down", "--quiet", "t").ok();
            assertEquals("", quiet.out() + quiet.err(), quiet.describe());
            assertEquals(0, DockerOracle.containers("com.docker.compose.project", p.composeProject("t")).stream()
                    .filter(c -> "running".equals(c.getState())).count());

            Run verbose = p.piko("--verbose", "up", "t").ok();
            assertTrue(verbose.err().lines().anyMatch(l -> l.startsWith("+ docker compose -p " + p.composeProject("t"))
                    && l.contains(" up ")), verbose.describe());
            Run tty = onTerminal(p, Map.of(), "exec", "t", "web", "--", "tty");
            assertTrue(tty.out().contains("/dev/pts/"), "exec on a terminal gives the command one: " + tty.describe());
            Run plain = p.piko("exec", "t", "web", "--", "tty");
            assertEquals(1, plain.code(), "without a terminal, exec runs the command without one: " + plain.describe());
            assertTrue(plain.out().contains("not a tty"), plain.describe());

            Run list = p.piko("list", "--verbose").ok();
            assertTrue(list.err().contains("+ api GET /containers/json?all=1"), list.describe());  // the daemon's socket, no process
            assertFalse(list.out().contains("+ "), list.describe());
        }
    }

    @Test
    void colourOnATerminalOnlyAndNeverWithNoColor() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run coloured = onTerminal(p, Map.of("TERM", "xterm"), "env", "nope");
            assertTrue(coloured.out().contains("\u001b[31merror:\u001b[0m no environment named 'nope'"), coloured.describe());
            Run noColor = onTerminal(p, Map.of("TERM", "xterm", "NO_COLOR", "1"), "env", "nope");
            assertTrue(noColor.out().contains("error: no environment named 'nope'"), noColor.describe());
            assertFalse(noColor.out().contains("\u001b["), noColor.describe());
            assertFalse(p.piko("env", "nope").err().contains("\u001b["));
        }
    }
}
