package piko.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import piko.error.PikoException;
import piko.model.Project;

/**
 * A state file that records no project: emptied (0 bytes, after a full disk or a bad copy), without
 * a schema, or with a schema and no project. Nothing of the project is lost with it (Docker's labels
 * and the worktrees hold it): init moves the file aside and starts a new one, doctor --fix takes the
 * environments back. No command rewrites such a file in place.
 */
public final class LostState {
    private LostState() {
    }

    /** What is wrong with a state file read without opening SQLite; null when it looks like a state. */
    static String emptiness(Path file) {
        try {
            if (!Files.isRegularFile(file) || hasWal(file)) {
                return null;  // with a write-ahead log, the file's own header may be behind
            }
            if (Files.size(file) == 0) {
                return "is empty (0 bytes)";
            }
            return StateStamp.schemaOnDisk(file) == 0 ? "has no schema" : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean hasWal(Path file) throws IOException {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        return Files.isRegularFile(wal) && Files.size(wal) > 0;
    }

    /** The error for a state that records no project: nothing deleted, the way back said. */
    static PikoException error(Path file, Path root, String what) {
        List<String> worktrees = worktrees(root);
        String back = worktrees.isEmpty() ? "" : "; then piko doctor --fix takes back the " + worktrees.size()
                + " environment" + (worktrees.size() == 1 ? "" : "s") + " whose worktree" + (worktrees.size() == 1 ? " is" : "s are")
                + " in .piko/worktrees (" + String.join(", ", worktrees) + ") with their containers and ports";
        return new PikoException("the piko state " + file + " " + what + ": it records no project",
                "run piko init: it moves that file aside (keeping it) and starts a new state" + back);
    }

    /** The environments' worktrees that are still in the project (each a folder git links to the repository). */
    public static List<String> worktrees(Path root) {
        Path dir = Project.worktreesDir(root);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(d -> Files.isRegularFile(d.resolve(".git"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether the state file records no project (it is then safe to move aside). */
    static boolean isLost(Path file) {
        if (emptiness(file) != null) {
            return true;
        }
        try (Store store = Store.open(file)) {
            return store.project().isEmpty();
        }
    }

    /** Renames the state file (and its SQLite companions) to state.db.lost-<UTC time>; returns the new name. */
    static Path moveAside(Path file) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(java.time.Instant.now());
        Path aside = file.resolveSibling(file.getFileName() + ".lost-" + stamp);
        try {
            for (String suffix : List.of("-wal", "-shm", "")) {
                Path from = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(from)) {
                    Files.move(from, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new PikoException("cannot move " + file + " aside: " + e.getMessage(), "check that .piko/ is writable");
        }
        return aside;
    }
}
