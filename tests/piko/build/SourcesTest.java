package piko.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What JBang needs to compile piko from a URL, in any locale. */
class SourcesTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir"));

    /** JBang expands no //SOURCES glob over a URL: piko.java lists every file under lib/, one a line. */
    @Test
    void pikoJavaListsExactlyTheFilesUnderLib() throws IOException {
        List<String> listed = Files.readAllLines(REPO.resolve("piko.java")).stream()
                .filter(l -> l.startsWith("//SOURCES "))
                .map(l -> l.substring("//SOURCES ".length()).trim())
                .toList();
        List<String> tree;
        try (Stream<Path> files = Files.walk(REPO.resolve("lib"))) {
            tree = files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> REPO.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        assertEquals(tree, listed, "piko.java's //SOURCES lines differ from lib/: run tests/update-sources");
    }

    /** javac reads sources in the platform encoding, ASCII under LANG=C on Java 17. */
    @Test
    void everySourceIsAscii() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(REPO.resolve("lib")), Files.walk(REPO.resolve("tests")))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.chars().allMatch(c -> c < 128)) {
                    offending.add(REPO.relativize(f).toString());
                }
            }
        }
        String entry = Files.readString(REPO.resolve("piko.java"), StandardCharsets.UTF_8);
        if (!entry.chars().allMatch(c -> c < 128)) {
            offending.add("piko.java");
        }
        assertTrue(offending.isEmpty(), "non-ASCII characters (write them as \\uXXXX escapes) in " + offending);
    }
}
