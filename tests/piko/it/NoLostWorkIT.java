package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** destroy without --force refuses to throw away anything the user made in a worktree. */
class NoLostWorkIT extends DockerRequired {
    private static final String ONE_SERVICE = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080"]
                stop_grace_period: 1s
                ports: ["8080"]
            """;

    @Test
    void editedTrackedFilesUnderCopyAndEnvFilesAndChangedCopiesAreWork() throws Exception {
        try (TestProject p = TestProject.withCompose(ONE_SERVICE)) {
            p.pikoYaml("copy: [config, local]\n");
            p.write("config/app.yml", "tracked: 1\n");
            p.write(".env", "TRACKED=1\n");
            p.write(".gitignore", "local/\n");
            p.commit("tracked config and .env");
            p.write("local/dev.env", "COPIED=1\n");
            p.piko("init").ok();
            p.piko("create", "e1").ok();
            assertEquals("COPIED=1\n", Files.readString(p.worktree("e1").resolve("local/dev.env")));

            Files.writeString(p.worktree("e1").resolve("config/app.yml"), "tracked: 2\n");
            Files.writeString(p.worktree("e1").resolve(".env"), "TRACKED=2\n");
            Files.writeString(p.worktree("e1").resolve("local/dev.env"), "COPIED=2\n");
            Run r = p.piko("destroy", "e1").fails("uncommitted changes");
            assertTrue(r.err().contains("config/app.yml") && r.err().contains(".env")
                    && r.err().contains("copied, changed since: local/dev.env"), r.describe());
            assertEquals("COPIED=2\n", Files.readString(p.worktree("e1").resolve("local/dev.env")), "nothing is lost");

            TestProject.git(p.worktree("e1"), "checkout", "--", "config/app.yml", ".env");
            Files.writeString(p.worktree("e1").resolve("local/dev.env"), "COPIED=1\n");
            p.piko("destroy", "e1").ok();  // a copy as it was copied is piko's, not the user's work
            assertFalse(Files.exists(p.worktree("e1")));
            assertFalse(Files.exists(p.root.resolve(".piko/copied/e1")), "the record goes with the worktree");
        }
    }
}
