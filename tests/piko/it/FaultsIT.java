package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Bad input and broken surroundings: one `error:` line with a hint, a non-zero exit, nothing lost. */
class FaultsIT extends DockerRequired {
    @Test
    void dockerDaemonNotRunning() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "keep").ok();
            Map<String, String> noDaemon = Map.of("DOCKER_HOST", "unix:///tmp/piko-no-such-docker.sock");
            Run create = p.pikoAt(p.root, noDaemon, "create", "x").fails("Docker daemon is not running");
            assertEquals(3, create.code(), "the documented exit code for an unusable daemon: " + create.describe());
            assertTrue(create.err().contains("hint: start Docker"), create.describe());
            assertFalse(create.err().contains("warning:"), "checked before anything is made: " + create.describe());
            assertEquals(3, p.pikoAt(p.root, noDaemon, "list").fails("Docker daemon is not running").code());
            assertFalse(Files.exists(p.worktree("x")));
            assertFalse(p.git("branch", "--list", "x").contains("x"));
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("keep\\s+running.*")));
            assertFalse(p.piko("list").out().contains("x "), "no trace of the failed create");
        }
    }

    @Test
    void gitMissing() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            Path bin = Files.createTempDirectory("piko-nogit-bin");
            Files.createSymbolicLink(bin.resolve("docker"), Path.of(TestProject.exec(p.root, Map.of(),
                    List.of("sh", "-c", "command -v docker")).out().strip()));
            Run r = p.pikoAt(p.root, Map.of("PATH", bin.toString()), "init").fails("git is not installed");
            assertTrue(r.err().contains("hint: install git"), r.describe());
            assertEquals(127, r.code(), "the documented exit code for a missing tool: " + r.describe());
            assertFalse(Files.exists(p.root.resolve(".piko")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", "Upper", "with space", "shared", "x2345678901234567890123456789012345678901"})
    void invalidEnvironmentNames(String name) throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("create", name);
            assertEquals(2, r.code(), r.describe());
            r.fails(name.equals("shared") ? "reserved" : "environment name");
            assertTrue(r.err().contains("hint: "), r.describe());
            assertFalse(Files.exists(p.root.resolve(".piko/worktrees")) && p.root.resolve(".piko/worktrees").toFile().list().length > 0);
        }
    }

    @Test
    void malformedComposeFilePassesComposesMessageThrough() throws Exception {
        try (TestProject p = TestProject.initialised("services:\n  web:\n    image: piko-test/busybox:1\n    ports: [\"not-a-port\"]\n")) {
            Run r = p.piko("create", "m").fails("the compose file is invalid");
            assertTrue(r.err().contains("not-a-port"), r.describe());
            CreateIT.assertNothingLeftOf(p, "m");
        }
    }

    @Test
    void malformedPikoYamlNamesFileLineAndKey() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.write("piko.yaml", "ports:\n  base: 20000\n  blok: 10\n");
            Run r = p.piko("list").fails(p.root.resolve("piko.yaml") + ":3: unknown key 'ports.blok'");
            assertTrue(r.err().contains("piko.yaml.example"), r.describe());
            p.write("piko.yaml", "shared: [redis\n");
            p.piko("create", "y").fails("invalid YAML");
            assertFalse(Files.exists(p.worktree("y")));
        }
    }

    @Test
    void yamlAliasBombIsRefused() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            // only keys piko knows, so nothing but the alias limit can refuse it: 40 aliases (under
            // SnakeYAML's own default of 50, over piko's 20) that expand to 5^8 strings
            StringBuilder bomb = new StringBuilder("shared:\n  - &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            String prev = "a";
            for (String n : List.of("b", "c", "d", "e", "f", "g", "h", "i")) {
                bomb.append("  - &").append(n).append(" [");
                for (int i = 0; i < 5; i++) bomb.append(i == 0 ? "" : ",").append('*').append(prev);
                bomb.append("]\n");
                prev = n;
            }
            p.write("piko.yaml", bomb.toString());
            Run r = p.piko("list").fails("piko.yaml");
            assertTrue(r.err().contains("aliases"), "refused for its aliases: " + r.describe());
        }
    }

    @Test
    void pikoYamlOverOneMebibyteIsRefused() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.write("piko.yaml", "# " + "x".repeat(1024 * 1024 + 10) + "\n");
            p.piko("list").fails("larger than 1 MiB");
        }
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("create", "--bogus", "x");
            assertEquals(2, r.code(), r.describe());
            r.fails("unknown option '--bogus' of piko create");
        }
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Run r = p.piko("--verbose", "destroy", "ghost");
            assertTrue(r.err().contains("PikoException") && r.err().contains("\tat "), r.describe());
            assertTrue(r.err().contains("error: no environment named 'ghost'"), r.describe());
        }
    }
}
