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
