package piko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.state.ProjectState;

class EnvSnapshotTest {
    private static final String ANSWER = "export PIKO_ENV_NAME='e1'\nexport PIKO_REDIS_PORT='20001'\n";

    @TempDir
    Path root;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(root.resolve("piko.yaml"), "ports:\n  base: 20000\n");
        ProjectState.create(root.resolve(".piko/state.db"), "demo", root, "compose.yaml");
        keep();
    }

    private void keep() {
        EnvSnapshot.keep(root, "e1", EnvSnapshot.keyBeforeReading(root), ANSWER);
    }

    private String answer(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        return EnvSnapshot.answer(args, cwd, new PrintWriter(out)) ? out.toString() : null;
    }

    @Test
    void answersAPlainEnvWithTheKeptText() throws Exception {
        assertEquals(ANSWER, answer(root, "env", "e1"));
        Path inWorktree = Files.createDirectories(root.resolve(".piko/worktrees/e1/src"));
        assertEquals(ANSWER, answer(inWorktree, "env"));
    }

    @Test
    void leavesEverythingElseToTheCommand() {
        assertEquals(null, answer(root, "env", "e1", "--json"));
        assertEquals(null, answer(root, "env", "--help"));
        assertEquals(null, answer(root, "env", "e2"));
        assertEquals(null, answer(root, "env"));
        assertEquals(null, answer(root, "list"));
        assertEquals(null, answer(root.getParent(), "env", "e1"));
    }

    @Test
    void aWriteToTheStateRetiresTheKeptAnswer() {
        try (ProjectState state = ProjectState.open(root.resolve(".piko/state.db"), root)) {
            state.updateEnvironment("e1", "ready", java.util.List.of(), "inputs");
        }
        assertEquals(null, answer(root, "env", "e1"));
        keep();
        assertEquals(ANSWER, answer(root, "env", "e1"));
    }

    @Test
    void anEditedPikoYamlRetiresTheKeptAnswer() throws Exception {
        Files.writeString(root.resolve("piko.yaml"), "ports:\n  base: 20000\nshared: [redis]\n");
        assertEquals(null, answer(root, "env", "e1"));
    }

    @Test
    void forgetRemovesIt() {
        EnvSnapshot.forget(root, "e1");
        assertFalse(Files.exists(root.resolve(".piko/env/e1")));
        assertEquals(null, answer(root, "env", "e1"));
        keep();
        assertTrue(Files.exists(root.resolve(".piko/env/e1")));
    }
}
