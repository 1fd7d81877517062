package piko.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import piko.text.TextFile;

/**
 * What piko copied into a worktree from the main checkout, with each file's SHA-256 as copied:
 * `.piko/copied/<worktree folder>`, one `<sha256> <path>` line per file. It tells destroy which
 * files are piko's copies (not the user's work) and which of them the user changed since.
 */
final class CopyRecord {
    private static final String DIR = "copied";

    private CopyRecord() {
    }

    static Map<String, String> read(Path root, Path worktree) {
        Map<String, String> record = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file(root, worktree), StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    record.put(line.substring(space + 1), line.substring(0, space));
                }
            }
        } catch (IOException e) {
            // no record: nothing was copied (or by a piko that kept none), so every file counts as the user's
        }
        return record;
    }

    static void write(Path root, Path worktree, Map<String, String> record) {
        StringBuilder b = new StringBuilder();
        record.forEach((rel, sum) -> b.append(sum).append(' ').append(rel).append('\n'));
        TextFile.write(file(root, worktree), b.toString());
    }

    static void forget(Path root, Path worktree) {
        try {
            Files.deleteIfExists(file(root, worktree));
        } catch (IOException e) {
            // a stale record only names files that are gone
        }
    }

    /** The file's SHA-256 (a link's: of the path it names); "" when it cannot be read. */
    static String checksum(Path file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] bytes = Files.isSymbolicLink(file)
                    ? Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(file);
            return HexFormat.of().formatHex(sha.digest(bytes));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    private static Path file(Path root, Path worktree) {
        return root.resolve(Workspace.DIR).resolve(DIR).resolve(worktree.getFileName().toString());
    }
}
