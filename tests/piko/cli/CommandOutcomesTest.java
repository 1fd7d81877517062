package piko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.cli.InProcess.Outcome;
import piko.exec.ProcessRunner;
import piko.exec.ScriptedDocker;

/**
 * Messages, hints and exit codes of whole command lines, run in-process with Docker played by a
 * ScriptedDocker and real git: one project (init, then create e1) for the class.
 */
class CommandOutcomesTest {
    private static final String MODEL = """
            {"name": "x", "services": {"web": {"image": "piko-test/busybox:1", "ports": [{"target": 8080, "protocol": "tcp"}]}},
             "networks": {"default": {"name": "x_default"}}}""";

    @TempDir
    static Path dir;
    static Path app;

    @BeforeAll
    static void aProjectWithOneEnvironment() {
        app = repo(dir.resolve("app"));
        Outcome init = InProcess.piko(app, healthy(), "init");
        assertEquals(0, init.code(), init.describe());
        Outcome create = InProcess.piko(app, healthy(), "create", "e1");
        assertEquals(0, create.code(), create.describe());
        assertTrue(Files.isDirectory(app.resolve(".piko/worktrees/e1")), create.describe());
    }

    private static ScriptedDocker healthy() {
        return ScriptedDocker.healthy().answer("docker compose config", 0, MODEL, "");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        Outcome o = InProcess.piko(app, healthy(), "destory", "e1");
        assertEquals(2, o.code(), o.describe());
        assertEquals("error: unknown command 'destory'\nhint: did you mean: piko destroy?\n", o.err(), o.describe());
        assertEquals("", o.out());
    }

    @Test
    void anInvalidNameIsAUsageErrorAndNothingIsMade() {
        ScriptedDocker docker = healthy();
        Outcome o = InProcess.piko(app, docker, "create", "Bad_Name");
        assertEquals(2, o.code(), o.describe());
        assertEquals("error: invalid environment name 'Bad_Name'\nhint: use lower-case letters, digits, '-' and '_',"
                + " starting with a letter or digit, at most 40 characters\n", o.err(), o.describe());
        assertEquals(0, docker.count("docker compose up"), "nothing started");
        assertFalse(Files.exists(app.resolve(".piko/worktrees/Bad_Name")));
    }

    @Test
    void outsideAProjectEveryCommandSaysWhereToRunInit() {
        Path elsewhere = dir.resolve("elsewhere");
        Outcome o = InProcess.piko(repo(elsewhere), healthy(), "list");
        assertEquals(1, o.code(), o.describe());
        assertEquals("error: not a piko project: no .piko/state.db in " + elsewhere + " or any parent\n"
                + "hint: run piko init at the root of your repository\n", o.err(), o.describe());
    }

    @Test
    void anUnknownEnvironmentIsNamedWithWhereToSeeTheOthers() {
        for (List<String> command : List.of(List.of("env", "nope"), List.of("destroy", "nope"), List.of("up", "nope"))) {
            Outcome o = InProcess.piko(app, healthy(), command);
            assertEquals(1, o.code(), o.describe());
            assertTrue(o.err().endsWith("error: no environment named 'nope'\nhint: see the environments with: piko list\n"),
                    command + "\n" + o.describe());
        }
    }

    @Test
    void aDaemonThatIsNotRunningStopsCreateWithExitCodeThreeBeforeAnythingIsMade() {
        ScriptedDocker down = ScriptedDocker.daemonDown();
        Outcome o = InProcess.piko(app, down, "create", "e2");
        assertEquals(3, o.code(), o.describe());
        assertTrue(o.err().startsWith("error: the Docker daemon is not running (Cannot connect to the Docker daemon at"
                + " unix:///var/run/docker.sock. Is the docker daemon running?)\nhint: start Docker"), o.describe());
        assertFalse(Files.exists(app.resolve(".piko/worktrees/e2")), "no worktree");
        assertFalse(branches().contains("e2"), "no branch");
        assertEquals(0, down.count("docker compose up"));
        Outcome list = InProcess.piko(app, healthy(), "list", "--json");
        assertFalse(list.out().contains("\"e2\""), list.describe());
    }

    @Test
    void aComposeTooOldStopsUpWithExitCodeThreeNamingBothVersions() {
        ScriptedDocker old = new ScriptedDocker().answer("docker compose version", 0, "2.20.3\n", "")
                .answer("docker compose config", 0, MODEL, "");
        Outcome o = InProcess.piko(app, old, "up", "e1");
        assertEquals(3, o.code(), o.describe());
        assertEquals("error: Docker Compose 2.20.3 is too old: piko needs 2.26.1 or newer\n"
                + "hint: upgrade the Compose v2 plugin (docker compose version) to 2.26.1 or newer\n", o.err(), o.describe());
        assertEquals(0, old.count("docker compose up"));
    }

    @Test
    void doctorWithoutADaemonSaysSoWithExitCodeThree() {
        Outcome o = InProcess.piko(app, ScriptedDocker.daemonDown(), "doctor");
        assertEquals(3, o.code(), o.describe());
        assertTrue(o.err().startsWith("error: the Docker daemon is not running ("), o.describe());
        assertTrue(o.err().contains("\nhint: start Docker"), o.describe());
    }

    @Test
    void destroyRefusesWhileTheWorktreeHoldsWorkAndKeepsIt() throws Exception {
        Path worktree = app.resolve(".piko/worktrees/e1");
        Files.writeString(worktree.resolve("notes.txt"), "mine\n");
        try {
            ScriptedDocker docker = healthy();
            Outcome o = InProcess.piko(app, docker, "destroy", "e1");
            assertEquals(1, o.code(), o.describe());
            assertTrue(o.err().contains("error: the worktree of e1 has uncommitted changes (1): "), o.describe());
            assertTrue(o.err().contains("notes.txt"), o.describe());
            assertTrue(o.err().endsWith("hint: commit or stash them, or pass --force to discard them\n"), o.describe());
            assertEquals(0, docker.count("docker compose down"), "nothing removed");
            assertTrue(Files.isRegularFile(worktree.resolve("notes.txt")));
            Outcome env = InProcess.piko(app, healthy(), "env", "e1");
            assertEquals(0, env.code(), env.describe());
            assertTrue(env.out().contains("export PIKO_ENV_NAME='e1'\n"), env.describe());
        } finally {
            Files.delete(worktree.resolve("notes.txt"));
        }
    }

    private static List<String> branches() {
        return run(app, "git", "branch", "--format=%(refname:short)").stdout().lines().toList();
    }

    static Path repo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: piko-test/busybox:1\n    ports: [\"8080\"]\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        run(dir, "git", "init", "-q", "-b", "main");
        run(dir, "git", "add", "compose.yaml");
        run(dir, "git", "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "-m", "first");
        return dir;
    }

    private static ProcessRunner.Result run(Path dir, String... cmd) {
        ProcessRunner.Result r = new ProcessRunner().run(ProcessRunner.Call.of(Duration.ofSeconds(30), List.of(cmd)).in(dir));
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }
}
