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
        ProjectState.create(root.resolve(".piko/state.db"), "demo", root, "compose.yaml", "0123456789abcdef");
        keep();
    }

    private void keep() {
        EnvSnapshot.keep(root, "e1", "sh", EnvSnapshot.keyBeforeReading(root), ANSWER);
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
    void eachFormatHasItsOwnKeptAnswer() {
        String fish = "set -gx PIKO_ENV_NAME 'e1';\n";
        assertEquals(null, answer(root, "env", "e1", "--format", "fish"));
        EnvSnapshot.keep(root, "e1", "fish", EnvSnapshot.keyBeforeReading(root), fish);
        assertEquals(fish, answer(root, "env", "--format", "fish", "e1"));
        assertEquals(fish, answer(root, "env", "e1", "--format=fish"));
        assertEquals(ANSWER, answer(root, "env", "e1", "--format", "sh"));
        assertEquals(ANSWER, answer(root, "env", "--format=sh", "e1"));
        assertEquals(null, answer(root, "env", "e1", "--format", "json"));
        assertEquals(null, answer(root, "env", "e1", "--format", "fish", "--format", "sh"));
        assertEquals(null, answer(root, "env", "e1", "--format"));
        assertEquals(null, answer(root, "env", "e1", "--format", "csh"));
        EnvSnapshot.forget(root, "e1");
        assertFalse(Files.exists(root.resolve(".piko/env/e1.fish")));
    }

    @Test
    void anAnswerKeptByAnotherBuildIsNotServed() throws Exception {
        Path kept = root.resolve(".piko/env/e1");
        String text = Files.readString(kept);
        assertTrue(text.contains("\nbuild " + Build.ID + "\n"), text);
        Files.writeString(kept, text.replace("\nbuild " + Build.ID + "\n", "\nbuild another\n"));
        assertEquals(null, answer(root, "env", "e1"));
    }

    @Test
    void theStateFileSaysItsSchemaAndAnotherSchemaIsNotServed() throws Exception {
        Path db = root.resolve(".piko/state.db");
        assertEquals(piko.state.StateStamp.SCHEMA, piko.state.StateStamp.schemaOnDisk(db));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(db.toFile(), "rw")) {
            f.seek(60);
            f.writeInt(piko.state.StateStamp.SCHEMA + 1);  // as a newer piko's migration leaves it
        }
        assertEquals(piko.state.StateStamp.SCHEMA + 1, piko.state.StateStamp.schemaOnDisk(db));
        assertEquals(null, answer(root, "env", "e1"));
        assertEquals(null, EnvSnapshot.keyBeforeReading(root));
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
