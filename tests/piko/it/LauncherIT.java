package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** piko started the way the README tells users: through JBang, by file and by catalog alias. */
class LauncherIT {
    private static final Path REPO = Path.of(System.getProperty("user.dir"));

    @Test
    void runsThroughTheJbangWrapperByFileAndByAlias() {
        Run byFile = TestProject.exec(REPO, Map.of(), List.of("./jbang", "piko.java", "--version"));
        assertEquals(0, byFile.code(), byFile.describe());
        assertTrue(byFile.out().startsWith("piko "), byFile.describe());
        Run byAlias = TestProject.exec(REPO, Map.of(), List.of("./jbang", "piko", "create", "--help"));
        assertEquals(0, byAlias.code(), byAlias.describe());
        assertTrue(byAlias.out().contains("Usage: piko create"), byAlias.describe());
    }
}
