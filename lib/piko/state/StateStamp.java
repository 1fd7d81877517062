package piko.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import piko.text.TextFile;

/**
 * A token that changes with every write to the state, so a copy of something read from it (the
 * answer of `piko env`) can tell it is still current without opening SQLite. Each write leaves a
 * marker while it runs and a new token once it is committed: the token counts only while no marker
 * is left. A writer that died keeps its marker until the next write, which replaces the token.
 */
public final class StateStamp {
    private static final String DIR = "stamp";
    private static final String TOKEN = "token";
    private static final String WRITING = "writing";

    /** The schema version this piko's state has once opened (PRAGMA user_version). */
    public static final int SCHEMA = Migrations.latest();

    private final Path dir;
    private final Path marker;

    StateStamp(Path stateFile) {
        this.dir = stateFile.toAbsolutePath().resolveSibling(DIR);
        this.marker = dir.resolve(WRITING).resolve(unique());
    }

    /**
     * A name no other write of this state had: the process, the time and a random number (a
     * random UUID's SecureRandom would cost every command that opens the state 15 ms).
     */
    private static String unique() {
        return ProcessHandle.current().pid() + "-" + System.currentTimeMillis() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** The current token of the state in this .piko folder; null while (or after) a write that is not done, or before any. */
    public static String current(Path pikoDir) {
        Path dir = pikoDir.resolve(DIR);
        try {
            if (Files.isDirectory(dir.resolve(WRITING))) {
                try (DirectoryStream<Path> markers = Files.newDirectoryStream(dir.resolve(WRITING))) {
                    if (markers.iterator().hasNext()) {
                        return null;
                    }
                }
            }
            String token = Files.readString(dir.resolve(TOKEN)).strip();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The schema version in the state file's header (PRAGMA user_version, bytes 60 to 63), read
     * without opening SQLite; -1 when the file is not there or not SQLite's.
     */
    public static int schemaOnDisk(Path stateFile) {
        byte[] header = new byte[64];
        try (java.io.InputStream in = Files.newInputStream(stateFile)) {
            if (in.readNBytes(header, 0, 64) < 64 || !new String(header, 0, 15, java.nio.charset.StandardCharsets.US_ASCII)
                    .equals("SQLite format 3")) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        return java.nio.ByteBuffer.wrap(header, 60, 4).getInt();
    }

    /** A state from before stamps gets its first token the way a write does, so readers never make one. */
    void ensureToken() {
        if (!Files.exists(dir.resolve(TOKEN))) {
            writing();
            written();
        }
    }

    void writing() {
        try {
            Files.createDirectories(marker.getParent());
            Files.createFile(marker);
        } catch (IOException e) {
            throw new piko.error.PikoException("cannot write " + marker + ": " + e.getMessage(), "check that .piko/ is writable");
        }
    }

    /** A new token, then the marker gone (and those of writers that died, which the new token supersedes). */
    void written() {
        TextFile.write(dir.resolve(TOKEN), unique() + "\n");
        try {
            Files.deleteIfExists(marker);
            try (DirectoryStream<Path> markers = Files.newDirectoryStream(marker.getParent())) {
                for (Path m : markers) {
                    if (!writerAlive(m.getFileName().toString())) {
                        Files.deleteIfExists(m);
                    }
                }
            }
        } catch (IOException e) {
            // a marker left behind only keeps readers on the slow path until the next write
        }
    }

    private static boolean writerAlive(String markerName) {
        try {
            long pid = Long.parseLong(markerName.substring(0, markerName.indexOf('-')));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
