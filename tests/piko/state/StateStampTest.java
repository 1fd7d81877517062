package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStampTest {
    @TempDir
    Path dir;

    private String token() {
        return StateStamp.current(dir);
    }

    @Test
    void everyWriteGivesANewTokenAndReadsKeepIt() {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            String opened = token();
            assertNotNull(opened, "a new state has a token from its first open");
            s.project();
            s.environments(new piko.model.Project(1, "demo", dir, "compose.yaml", "0123456789abcdef"));
            assertEquals(opened, token(), "reads leave the token");
            s.insertProjectIfAbsent("demo", dir, "compose.yaml", "0123456789abcdef");
            String written = token();
            assertNotNull(written);
            assertNotEquals(opened, written);
        }
    }

    @Test
    void noTokenCountsWhileAWriteRuns() {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            AtomicReference<String> during = new AtomicReference<>("unset");
            s.inTransaction(() -> {
                during.set(token());
                return null;
            });
            assertNull(during.get());
            assertNotNull(token());
        }
    }

    @Test
    void aFailedWriteStillEndsWithANewToken() {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            String before = token();
            assertThrows(IllegalStateException.class, () -> s.inTransaction(() -> {
                throw new IllegalStateException("boom");
            }));
            assertNotNull(token());
            assertNotEquals(before, token());
        }
    }

    /** A writer killed between its commit and its new token leaves its marker: no copy counts until the next write. */
    @Test
    void theMarkerOfAWriterThatDiedHoldsUntilTheNextWrite() throws Exception {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            Path dead = dir.resolve("stamp/writing/" + deadPid() + "-crashed");
            Files.createFile(dead);
            assertNull(token());
            s.insertProjectIfAbsent("demo", dir, "compose.yaml", "0123456789abcdef");
            assertNotNull(token());
            assertEquals(false, Files.exists(dead));
        }
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    @Test
    void aStateOpenedBeforeStampsGetsItsFirstToken() throws Exception {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            s.insertProjectIfAbsent("demo", dir, "compose.yaml", "0123456789abcdef");
        }
        deleteTree(dir.resolve("stamp"));
        assertNull(token());
        try (Store s = Store.open(dir.resolve("state.db"))) {
            assertNotNull(token());
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (var walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
