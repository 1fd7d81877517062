package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a newcomer meets at the edges: typos, --version, unknown services, piped logs, quiet stops, no commit. */
class MannersIT extends DockerRequired {
    @Test
    void mistypedCommandsAndOptionsGetASuggestionAndVersionWorksOnEveryCommand() throws Exception {
        try (TestProject p = TestProject.initialised(PassthroughIT.APP)) {
            Run typo = p.piko("craete", "x");
            assertEquals(2, typo.code(), typo.describe());
            assertEquals("error: unknown command 'craete'\nhint: did you mean: piko create?\n", typo.err(), typo.describe());
            Run option = p.piko("create", "x", "--brnach", "main");
            assertEquals(2, option.code(), option.describe());
            assertEquals("error: unknown option '--brnach' of piko create\nhint: did you mean --branch? (see: piko create --help)\n",
                    option.err(), option.describe());
            assertFalse(Files.exists(p.worktree("x")), "nothing was created");

            for (String command : List.of("destroy", "status")) {
                Run version = p.piko(command, "--version").ok();
                assertTrue(version.out().startsWith("piko 0.2.0\n"), version.describe());
            }
        }
    }

    @Test
    void unknownServicesLogsThroughAPipeAndProgressWhileContainersStop() throws Exception {
        try (TestProject p = TestProject.initialised(PassthroughIT.APP)) {
            p.piko("create", "e1").ok();
            for (List<String> words : List.of(List.of("exec", "e1", "nosuch", "--", "true"), List.of("logs", "e1", "nosuch"))) {
                Run r = p.piko(words.toArray(String[]::new));
                assertEquals(2, r.code(), r.describe());
                assertEquals("error: no service nosuch in environment e1\nhint: its services: redis, web\n", r.err(), r.describe());
            }

            Path file = p.root.resolve("logs.txt");
            ProcessBuilder toFile = new ProcessBuilder(TestProject.pikoCommand("logs", "e1", "web")).directory(p.root.toFile())
                    .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            toFile.environment().putAll(new HashMap<>(TestProject.MACHINE));
            assertEquals(0, toFile.start().waitFor());
            String logs = Files.readString(file);
            assertTrue(logs.contains("started-in-e1"), logs);
            assertFalse(logs.contains("\u001b"), "no terminal codes in a file: " + logs.replace("\u001b", "ESC"));

            String web = p.composeProject("e1") + "-web-1";
            Run down = p.piko("down", "e1").ok();
            assertTrue(down.err().contains("Container " + web + "  Stopped"), down.describe());
            assertTrue(DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")).stream()
                    .noneMatch(c -> "running".equals(c.getState())), "down stopped them");
            Run restart = p.piko("restart", "e1").ok();
            assertTrue(restart.err().contains("Container " + web + "  Started"), restart.describe());

            Run noShared = p.piko("down", "--shared").ok();
            assertEquals("No shared service instance of " + p.name + " exists: nothing to stop\n", noShared.err(),
                    noShared.describe());

            Run destroy = p.piko("destroy", "e1").ok();
            assertTrue(destroy.err().contains("Container " + web + "  Removed"), destroy.describe());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")));
        }
    }

    @Test
    void createInARepositoryWithoutACommitSaysSo() throws Exception {
        try (TestProject p = TestProject.gitRepo()) {
            p.write("compose.yaml", PassthroughIT.APP);
            p.piko("init").ok();
            Run create = p.piko("create", "e1");
            create.fails("error: the repository has no commit yet, and a worktree starts from one");
            assertTrue(create.err().contains("hint: commit your files first"), create.describe());
            assertFalse(create.err().contains("fatal:"), create.describe());
            assertFalse(Files.exists(p.worktree("e1")));
            assertTrue(p.piko("list").ok().err().contains("No environments yet"));
        }
    }
}
