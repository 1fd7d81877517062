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
        assertEquals(javaFiles("lib"), directives("piko.java", "//SOURCES "),
                "piko.java's //SOURCES lines differ from lib/: run tests/update-sources");
    }

    /** piko-mcp.java likewise lists lib/ and its own mcp/, and its //DEPS include piko's (slf4j-nop in its own version). */
    @Test
    void pikoMcpJavaListsLibAndMcpAndPikosDependencies() throws IOException {
        List<String> tree = new ArrayList<>(javaFiles("lib"));
        tree.addAll(javaFiles("mcp"));
        assertEquals(tree, directives("piko-mcp.java", "//SOURCES "),
                "piko-mcp.java's //SOURCES lines differ from lib/ and mcp/: run tests/update-sources");
        List<String> mcpDeps = directives("piko-mcp.java", "//DEPS ");
        for (String dep : directives("piko.java", "//DEPS ")) {
            String[] gav = dep.split(":");
            if (gav.length > 3) {
                continue; // a classifier (picocli's sources), which only piko install reads
            }
            assertTrue(mcpDeps.contains(dep), "piko-mcp.java lacks piko.java's dependency " + dep);
        }
    }

    private static List<String> directives(String script, String prefix) throws IOException {
        return Files.readAllLines(REPO.resolve(script)).stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim())
                .toList();
    }

    private static List<String> javaFiles(String dir) throws IOException {
        try (Stream<Path> files = Files.walk(REPO.resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> REPO.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** javac reads sources in the platform encoding, ASCII under LANG=C on Java 17. */
    @Test
    void everySourceIsAscii() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Stream.of("lib", "mcp", "tests").flatMap(SourcesTest::walk)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.chars().allMatch(c -> c < 128)) {
                    offending.add(REPO.relativize(f).toString());
                }
            }
        }
        for (String entry : List.of("piko.java", "piko-mcp.java")) {
            if (!Files.readString(REPO.resolve(entry), StandardCharsets.UTF_8).chars().allMatch(c -> c < 128)) {
                offending.add(entry);
            }
        }
        assertTrue(offending.isEmpty(), "non-ASCII characters (write them as \\uXXXX escapes) in " + offending);
    }

    private static Stream<Path> walk(String dir) {
        try {
            return Files.walk(REPO.resolve(dir));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
