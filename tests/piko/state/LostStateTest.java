package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;

/** A state that records no project is named as lost, never rewritten by a reader, and moved aside (kept) by init. */
class LostStateTest {
    @TempDir
    Path root;

    private Path state() {
        return root.resolve(".piko/state.db");
    }

    @Test
    void anEmptiedStateIsLostAndOpeningItWritesNothing() throws Exception {
        Files.createDirectories(state().getParent());
        Files.createFile(state());
        Files.createDirectories(root.resolve(".piko/worktrees/a"));
        Files.writeString(root.resolve(".piko/worktrees/a/.git"), "gitdir: elsewhere\n");
        Files.createDirectories(root.resolve(".piko/worktrees/not-a-worktree"));
        PikoException e = assertThrows(PikoException.class, () -> ProjectState.open(state(), root));
        assertTrue(e.getMessage().endsWith("is empty (0 bytes): it records no project"), e.getMessage());
        assertTrue(e.hint().contains("takes back the 1 environment whose worktree is in .piko/worktrees (a)"), e.hint());
        assertEquals(0, Files.size(state()));
        assertFalse(Files.exists(root.resolve(".piko/state.db-wal")));
    }

    @Test
    void aStateWithASchemaButNoProjectIsLostAndMovedAsideWithItsCompanions() throws Exception {
        Store.open(state()).close();
        assertNull(LostState.emptiness(state()), "a schema is there");
        PikoException e = assertThrows(PikoException.class, () -> ProjectState.open(state(), root));
        assertTrue(e.getMessage().contains("has a schema but no project"), e.getMessage());
        assertTrue(LostState.isLost(state()));
        Path aside = LostState.moveAside(state());
        assertFalse(Files.exists(state()));
        assertTrue(Files.isRegularFile(aside) && aside.getFileName().toString().startsWith("state.db.lost-"));
    }

    @Test
    void aStateWithItsProjectIsNotLost() {
        ProjectState.create(state(), "demo", root, "compose.yaml", "0123456789abcdef");
        assertFalse(LostState.isLost(state()));
        try (ProjectState s = ProjectState.open(state(), root)) {
            assertEquals("demo", s.project().name());
        }
    }
}
