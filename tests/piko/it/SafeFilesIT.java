package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** piko.yaml, .gitignore and copied files are written where they belong, and only there. */
class SafeFilesIT extends DockerRequired {
    /** Services whose names YAML reads as booleans when written plain. */
    private static final String YES_AND_NO = """
            services:
              "yes":
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080"]
                stop_grace_period: 1s
                ports: ["8080"]
              "no":
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8081"]
                stop_grace_period: 1s
            """;

    @TempDir
    Path elsewhere;

    @Test
    void shareAndIsolateKeepPikoYamlValidAndItsComments() throws Exception {
        try (TestProject p = TestProject.withCompose(YES_AND_NO)) {
            String before = "ports:\n  base: " + p.portBase + "\n# run once for every environment\nshared:\n"
                    + "  # quoted by hand\n  - \"no\"  # the quiet one\n  # more to come\n";
            p.write("piko.yaml", before);
            p.commit("piko.yaml");
            p.piko("init").ok();
            p.piko("share", "yes").ok();
            assertEquals("ports:\n  base: " + p.portBase + "\n# run once for every environment\nshared:\n"
                    + "  # quoted by hand\n  - \"no\"  # the quiet one\n  - \"yes\"\n  # more to come\n",
                    Files.readString(p.root.resolve("piko.yaml")));
            Object shared = ((java.util.Map<?, ?>) new org.yaml.snakeyaml.Yaml().load(
                    Files.readString(p.root.resolve("piko.yaml")))).get("shared");
            assertEquals(List.of("no", "yes"), shared, "strings, not booleans");
            assertEquals(1, DockerOracle.containers("com.docker.compose.project", p.composeProject("shared")).stream()
                    .filter(c -> "yes".equals(c.getLabels().get("com.docker.compose.service"))).count());
            p.piko("isolate", "yes").ok();
            assertEquals(before, Files.readString(p.root.resolve("piko.yaml")));
            p.piko("list").ok();
            p.piko("down", "--shared").ok();
        }
    }

    @Test
    void aLinkedPikoYamlIsEditedInsideTheRepositoryAndRefusedOutside() throws Exception {
        try (TestProject p = TestProject.withCompose(YES_AND_NO)) {
            Files.delete(p.root.resolve("piko.yaml"));
            p.write("config/piko.yaml", "ports:\n  base: " + p.portBase + "\n");
            Files.createSymbolicLink(p.root.resolve("piko.yaml"), Path.of("config/piko.yaml"));
            p.commit("linked piko.yaml");
            p.piko("init").ok();
            p.piko("share", "yes").ok();
            assertTrue(Files.isSymbolicLink(p.root.resolve("piko.yaml")), "the link stays");
            assertEquals("ports:\n  base: " + p.portBase + "\nshared:\n  - \"yes\"\n",
                    Files.readString(p.root.resolve("config/piko.yaml")));
            p.piko("isolate", "yes").ok();
            p.piko("down", "--shared").ok();

            String theirs = "ports:\n  base: " + p.portBase + "\n";
            Files.writeString(elsewhere.resolve("piko.yaml"), theirs);
            Files.delete(p.root.resolve("piko.yaml"));
            Files.createSymbolicLink(p.root.resolve("piko.yaml"), elsewhere.resolve("piko.yaml"));
            Run r = p.piko("share", "yes").fails("is a symbolic link that leads out of " + p.root);
            assertTrue(r.err().contains(p.root.resolve("piko.yaml").toString()), r.describe());
            assertEquals(theirs, Files.readString(elsewhere.resolve("piko.yaml")));
            assertTrue(Files.isSymbolicLink(p.root.resolve("piko.yaml")));
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("shared")),
                    "a share that fails leaves nothing running");
        }
    }

    @Test
    void initWritesALinkedGitignoreOnlyInsideTheRepository() throws Exception {
        try (TestProject p = TestProject.withCompose(YES_AND_NO)) {
            Files.writeString(elsewhere.resolve("gitignore"), "*.log\n");
            Files.createSymbolicLink(p.root.resolve(".gitignore"), elsewhere.resolve("gitignore"));
            p.piko("init").fails(".gitignore is a symbolic link that leads out of " + p.root);
            assertEquals("*.log\n", Files.readString(elsewhere.resolve("gitignore")));
            assertFalse(Files.exists(p.root.resolve(".piko/state.db")), "a refused init makes nothing");

            Files.delete(p.root.resolve(".gitignore"));
            p.write("config/gitignore", "*.log\n");
            Files.createSymbolicLink(p.root.resolve(".gitignore"), Path.of("config/gitignore"));
            p.piko("init").ok();
            assertTrue(Files.isSymbolicLink(p.root.resolve(".gitignore")));
            assertEquals("*.log\n.piko/\n", Files.readString(p.root.resolve("config/gitignore")));
        }
    }

    @Test
    void copyNeverWritesThroughALinkABranchCommitted() throws Exception {
        try (TestProject p = TestProject.withCompose(YES_AND_NO)) {
            p.pikoYaml("copy: [secrets]\n");
            p.write(".gitignore", "secrets/\n");
            p.commit("copy secrets");
            p.git("checkout", "-q", "-b", "evil");
            Files.createSymbolicLink(p.root.resolve("secrets"), elsewhere);
            p.commit("secrets -> elsewhere");
            p.git("checkout", "-q", "main");
            p.write("secrets/app.env", "PASSWORD=hunter2\n");
            p.piko("init").ok();
            Run r = p.piko("create", "e1", "--branch", "evil").ok();
            assertTrue(r.err().contains("warning: not copying secrets/app.env: " + p.worktree("e1").resolve("secrets")
                    + " is a symbolic link that leads out of the worktree"), r.describe());
            assertFalse(Files.exists(elsewhere.resolve("app.env")), "the password stays in the main checkout");
            assertEquals(List.of(), Files.list(elsewhere).toList());
            p.piko("destroy", "e1").ok();
            assertTrue(p.git("branch", "--list", "evil").contains("evil"));
        }
    }
}
