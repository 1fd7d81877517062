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

    /**
     * A create killed during its setup script, then worked in (a commit, a file left uncommitted):
     * destroy keeps that work as for any environment.
     */
    @Test
    void destroyOfABrokenEnvironmentKeepsTheWorkDoneInIt() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.pikoYaml("scripts:\n  setup: echo setup-started; sleep 120\n");
            p.commit("setup script");
            p.piko("init").ok();
            Process piko = OwnProcessGroup.start(p, new java.util.ArrayList<>(), OwnProcessGroup.said("setup-started"), "create", "k");
            TestProject.exec(p.root, java.util.Map.of(), java.util.List.of("kill", "-KILL", "--", "-" + piko.pid())).ok();
            piko.waitFor();
            java.nio.file.Path wt = p.worktree("k");
            Files.writeString(wt.resolve("work.txt"), "done in the broken environment\n");
            TestProject.git(wt, "add", "work.txt");
            TestProject.git(wt, "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "-m", "work");
            Files.writeString(wt.resolve("notes.txt"), "not committed\n");

            Run up = p.piko("up", "k").fails("was not created completely");
            assertFalse(up.err().contains("--force"), "no blind --force: " + up.describe());

            Run refused = p.piko("destroy", "k").fails("uncommitted changes (1): ?? notes.txt");
            assertTrue(refused.err().contains("--force"), refused.describe());
            assertTrue(Files.exists(wt.resolve("notes.txt")), "the uncommitted file is still there");
            assertEquals(2, DockerOracle.containers("com.docker.compose.project", p.composeProject("k")).size(),
                    "nothing was removed");

            Run forced = p.piko("destroy", "k", "--force").ok();
            assertTrue(forced.err().contains("--force: discarding the uncommitted changes in " + wt + " (1): ?? notes.txt"),
                    forced.describe());
            assertTrue(forced.err().contains("kept branch k: 1 commit is on no other branch"), forced.describe());
            assertEquals("work", p.git("log", "-1", "--format=%s", "k").strip(), "the branch and its commit are there");
            assertEquals(java.util.List.of(p.composeProject("k") + "_data"), DockerOracle.volumesOfProject(p.composeProject("k")),
                    "volumes go only with --volumes");
            assertFalse(Files.exists(wt));
            assertEquals(java.util.List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("k")));
        }
    }
}
