package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitIT extends DockerRequired {
    @Test
    void recordsTheProjectAndIgnoresPikosFolder() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("init").ok();
            assertTrue(r.err().contains("Initialised piko project " + p.name), r.describe());
            assertTrue(r.err().contains("Added .piko/ to .gitignore"), r.describe());
            assertTrue(Files.isRegularFile(p.root.resolve(".piko/state.db")));
            assertTrue(Files.readString(p.root.resolve(".gitignore")).lines().anyMatch(".piko/"::equals));
            assertTrue(p.git("status", "--porcelain").lines().noneMatch(l -> l.contains(".piko")));
        }
    }

    @Test
    void worksFromASubdirectoryAndFindsEveryComposeFileName() throws Exception {
        try (TestProject p = TestProject.gitRepo()) {
            p.write("docker-compose.yaml", TestProject.WEB_AND_REDIS);
            p.write("src/main/Readme.txt", "x");
            p.write(".gitignore", "/.piko\n");
            p.commit("files");
            Run r = p.pikoAt(p.root.resolve("src/main"), Map.of(), "init").ok();
            assertTrue(r.err().contains("Compose file: docker-compose.yaml"), r.describe());
            assertTrue(!r.err().contains("Added .piko/"), "the .gitignore ignored it already: " + r.describe());
            assertEquals("/.piko\n", Files.readString(p.root.resolve(".gitignore")));
            p.pikoAt(p.root.resolve("src"), Map.of(), "list").ok();
        }
    }

    @Test
    void failsWithoutAComposeFile() throws Exception {
        try (TestProject p = TestProject.gitRepo()) {
            p.piko("init").fails("no compose file");
            assertTrue(!Files.exists(p.root.resolve(".piko/state.db")));
        }
    }

    @Test
    void failsOutsideAGitRepository() throws Exception {
        Path dir = Files.createTempDirectory("piko-nogit");
        Files.writeString(dir.resolve("compose.yaml"), TestProject.WEB_AND_REDIS);
        TestProject.exec(dir, Map.of(), TestProject.pikoCommand("init")).fails("not a git repository");
        assertTrue(!Files.exists(dir.resolve(".piko")));
    }

    @Test
    void failsWhenAlreadyInitialisedAndSuggestsStatus() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("init").fails("already initialised");
            assertTrue(r.err().contains("piko status"), r.describe());
            assertEquals(1, Files.readString(p.root.resolve(".gitignore")).lines().filter(".piko/"::equals).count());
        }
    }

    @Test
    void commandsOutsideAProjectSayHowToStart() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("create", "a").fails("not a piko project");
            assertTrue(r.err().contains("hint: run piko init"), r.describe());
        }
    }
}
