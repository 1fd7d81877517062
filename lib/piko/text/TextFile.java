package piko.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import piko.error.PikoException;

/** The one way piko writes a file: a sibling temporary file moved over it, so no reader sees half of it. */
public final class TextFile {
    private static final java.util.concurrent.atomic.AtomicLong WRITES = new java.util.concurrent.atomic.AtomicLong();

    private TextFile() {
    }

    /** An anonymous class, not a lambda: a lambda's first use spins a class at run time, on every command. */
    private static final java.util.function.Consumer<String> NO_CHECK = new java.util.function.Consumer<>() {
        @Override
        public void accept(String written) {
            // nothing to check
        }
    };

    public static void write(Path file, String text) {
        write(file, text, NO_CHECK);
    }

    /** Writes as write does, and runs check on the text read back from the new file before it replaces the old one. */
    public static void write(Path file, String text, java.util.function.Consumer<String> check) {
        // one temporary file per writer: two processes may write the same file at once
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + WRITES.incrementAndGet() + ".piko-tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            check.accept(Files.readString(tmp, StandardCharsets.UTF_8));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new PikoException("cannot write " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the write already failed; that error is the one to report
        }
    }
}
