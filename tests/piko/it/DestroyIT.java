package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestroyIT extends DockerRequired {
    @Test
    void destroysARunningEnvironmentButKeepsItsBranchAndVolumes() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS.replace("[data:/data]", "[data:/data, /scratch]"))) {
            p.piko("create", "x").ok();
            String anonymous = TestProject.docker("inspect", "-f",
                    "{{range .Mounts}}{{if eq .Destination \"/scratch\"}}{{.Name}}{{end}}{{end}}", p.composeProject("x") + "-redis-1")
                    .out().strip();
            assertTrue(anonymous.matches("[0-9a-f]{64}"), "compose made an anonymous volume: " + anonymous);
            p.piko("destroy", "x").ok();
            assertTrue(TestProject.docker("volume", "inspect", anonymous).code() != 0,
                    "the anonymous volume, which no label would find again, goes with its container");
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("x")));
            assertFalse(DockerOracle.networkExists(p.composeProject("x")));
            assertFalse(Files.exists(p.worktree("x")));
            assertTrue(p.git("branch", "--list", "x").contains("x"), "the branch holds the user's work: keep it");
            assertEquals(List.of(p.composeProject("x") + "_data"), DockerOracle.volumesOfProject(p.composeProject("x")));
            assertTrue(p.piko("list").ok().err().contains("No environments"));
        }
    }

    @Test
    void aSharedInstanceLeftOnTheNetworkIsDetachedInsteadOfKeepingTheNetwork() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("share", "redis").ok();
            p.piko("create", "x").ok();
            String redis = SharedIT.sharedContainer(p, "redis");
            assertTrue(attachments(redis).contains(p.composeProject("x")), attachments(redis));
            // the state no longer says that x uses redis (a link made beside this destroy, or by hand):
            // destroy does not detach it first, and Docker refuses to remove a network still in use
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + p.root.resolve(".piko/state.db"))) {
                c.createStatement().executeUpdate("DELETE FROM shared_consumers");
            }
            Run destroy = p.piko("destroy", "x").ok();
            assertTrue(destroy.err().contains("Removed containers and network of " + p.composeProject("x")), destroy.describe());
            assertFalse(DockerOracle.networkExists(p.composeProject("x")), destroy.describe());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("x")));
            assertEquals("piko-" + p.name + "-shared", attachments(redis).strip(), "the shared redis stays, on its own network only");
            assertEquals("running", TestProject.docker("inspect", "-f", "{{.State.Status}}", redis).out().strip());
        }
    }

    private static String attachments(String container) {
        return TestProject.docker("inspect", "-f", "{{range $n, $v := .NetworkSettings.Networks}}{{$n}} {{end}}", container).out();
    }

    @Test
    void volumesFlagRemovesTheVolumes() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "v").ok();
            assertEquals(1, DockerOracle.volumesOfProject(p.composeProject("v")).size());
            p.piko("destroy", "v", "--volumes").ok();
            assertEquals(List.of(), DockerOracle.volumesOfProject(p.composeProject("v")));
        }
    }

    @Test
    void unknownNameSuggestsList() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("destroy", "ghost").fails("no environment named 'ghost'");
            assertTrue(r.err().contains("piko list"), r.describe());
        }
    }

    @Test
    void refusesADirtyWorktreeUnlessForced() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "dirty").ok();
            Files.writeString(p.worktree("dirty").resolve("work.txt"), "unsaved");
            Run r = p.piko("destroy", "dirty").fails("uncommitted changes");
            assertTrue(r.err().contains("work.txt") && r.err().contains("--force"), r.describe());
            assertTrue(Files.exists(p.worktree("dirty").resolve("work.txt")), "nothing may be lost");
            assertEquals(2, CreateIT.runningServices(p.composeProject("dirty")).size(), "containers must be untouched");
            p.piko("destroy", "dirty", "--force").ok();
            assertFalse(Files.exists(p.worktree("dirty")));
        }
    }

    @Test
    void aFailingDestroyScriptWarnsAndContinues() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.pikoYaml("scripts:\n  destroy: echo \"bye $PIKO_ENV_NAME\" > \"$PIKO_ROOT/bye.txt\"; exit 3\n");
            p.commit("piko.yaml");
            p.piko("init").ok();
            p.piko("create", "s").ok();
            Run r = p.piko("destroy", "s").ok();
            assertTrue(r.err().contains("warning: the destroy script failed with exit code 3"), r.describe());
            assertEquals("bye s\n", Files.readString(p.root.resolve("bye.txt")));
            assertFalse(Files.exists(p.worktree("s")));
        }
    }

    @Test
    void destroysAnEnvironmentWhoseWorktreeWasDeletedByHand() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "gone").ok();
            TestProject.exec(p.root, java.util.Map.of(), List.of("rm", "-rf", p.worktree("gone").toString()));
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("gone\\s+broken.*")));
            p.piko("up", "gone").fails("worktree of gone is missing");
            p.piko("destroy", "gone").ok();
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("gone")));
            assertFalse(p.git("worktree", "list").contains(p.worktree("gone").toString()));
        }
    }
}
