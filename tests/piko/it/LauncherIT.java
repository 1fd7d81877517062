package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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

    @Test
    void installWritesALauncherThatRunsPikoWithoutJbang() throws Exception {
        Path home = Files.createTempDirectory("piko-install");
        Map<String, String> env = Map.of("PIKO_HOME", home.resolve("share").toString(),
                "PIKO_BIN_DIR", home.resolve("bin").toString());
        Run install = TestProject.exec(REPO, env, List.of("./install"));
        assertEquals(0, install.code(), install.describe());
        Path launcher = home.resolve("bin/piko");
        String script = Files.readString(launcher);
        assertTrue(script.contains("-jar") && !script.contains("jbang"), script);
        assertTrue(script.contains("SharedArchiveFile") || script.contains("AOTCache"), "a class archive: " + script);
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            Run init = TestProject.exec(p.root, Map.of(), List.of(launcher.toString(), "init"));
            assertEquals(0, init.code(), init.describe());
            assertEquals("", init.err(), "no JVM warnings on stderr");
            Run list = TestProject.exec(p.root, Map.of(), List.of(launcher.toString(), "list"));
            assertTrue(list.out().contains("No environments yet"), list.describe());
        }
    }
}
