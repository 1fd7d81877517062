package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `piko env --format sh|fish|dotenv|json` in a project whose folder name holds what a shell would
 * run: each output is evaluated by the real consumer (bash, fish, docker --env-file), which must
 * see the exact path and run nothing. Both the command in full and its kept answer are checked.
 */
class EnvFormatsIT extends DockerRequired {
    /** Each piece would run `touch` if a shell read the path as code. */
    private static final String HOSTILE = "sh'op \"$(touch PWNED1)\" `touch PWNED2`;touch PWNED3;# \\' \\\\ \nx";
    private static final String ONE_SERVICE = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080"]
                stop_grace_period: 1s
                ports: ["8080"]
            """;
    private static TestProject p;
    private static Path scratch;

    @BeforeAll
    static void project() throws Exception {
        p = TestProject.gitRepoNamed(HOSTILE);
        p.write("compose.yaml", ONE_SERVICE);
        p.pikoYaml("");
        p.commit("compose file");
        p.piko("init").ok();
        p.piko("create", "e1").ok();
        scratch = Files.createTempDirectory("piko-env-formats");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (p != null) {
            p.piko("destroy", "e1", "--force", "--volumes");
            p.close();
        }
    }

    private static String webPort() {
        return p.piko("env", "e1", "--json").ok().out().replaceAll("(?s).*\"PIKO_WEB_PORT\": \"(\\d+)\".*", "$1");
    }

    /** Runs a shell in the scratch folder with piko's output in file out; returns what it printed. */
    private static String shell(List<String> cmd) {
        Run r = TestProject.exec(scratch, Map.of(), cmd);
        assertEquals(0, r.code(), r::describe);
        try (var files = Files.list(scratch)) {
            assertEquals(List.of("out"), files.map(f -> f.getFileName().toString()).toList(), "nothing may run");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return r.out();
    }

    private static void save(String output) throws Exception {
        Files.writeString(scratch.resolve("out"), output);
    }

    @Test
    void bashEvalSeesTheExactValues() throws Exception {
        for (int i = 0; i < 2; i++) {  // the command in full keeps its answer; the second run prints the kept one
            save(p.piko("env", "e1").ok().out());
            String seen = shell(List.of("bash", "-c", "eval \"$(cat out)\"; printf '%s|%s' \"$PIKO_ROOT\" \"$PIKO_WEB_PORT\""));
            assertEquals(p.root + "|" + webPort(), seen);
        }
        assertTrue(Files.exists(p.root.resolve(".piko/env/e1")), "the sh answer is kept");
    }

    @Test
    void fishSourceAndEvalSeeTheExactValues() throws Exception {
        for (int i = 0; i < 2; i++) {
            save(p.piko("env", "e1", "--format", "fish").ok().out());
            String sourced = shell(List.of("fish", "--no-config", "-c", "source out; printf '%s|%s' $PIKO_ROOT $PIKO_WEB_PORT"));
            assertEquals(p.root + "|" + webPort(), sourced);
            String evaluated = shell(List.of("fish", "--no-config", "-c", "eval (cat out); printf '%s|%s' $PIKO_ROOT $PIKO_ENV_PATH"));
            assertEquals(p.root + "|" + p.worktree("e1"), evaluated);
        }
        assertTrue(Files.exists(p.root.resolve(".piko/env/e1.fish")), "the fish answer is kept apart from the sh one");
    }

    @Test
    void dotenvRefusesAValueDockerAndDotenvReadersWouldReadApart() {
        Run r = p.piko("env", "e1", "--format", "dotenv").fails("PIKO_ROOT cannot be written as a dotenv line");
        assertEquals("", r.out(), r::describe);
        assertTrue(r.err().contains("hint: use --format sh, fish or json"), r.describe());
    }

    @Test
    void jsonIsTheEnvironmentView() {
        String json = p.piko("env", "e1", "--format", "json").ok().out();
        assertEquals(p.piko("env", "e1", "--json").ok().out(), json);
        assertTrue(json.contains("\"PIKO_WEB_PORT\": \"" + webPort() + "\""), json);
        p.piko("env", "e1", "--format", "csh").fails("unknown format 'csh'");
    }

    @Test
    void dotenvOfAPlainProjectIsWhatDockerEnvFileReads() throws Exception {
        try (TestProject plain = TestProject.initialised(ONE_SERVICE)) {
            plain.piko("create", "d1").ok();
            String dotenv = plain.piko("env", "d1", "--format", "dotenv").ok().out();
            Path file = scratch.resolveSibling(scratch.getFileName() + ".env");
            Files.writeString(file, dotenv);
            try {
                Run seen = TestProject.docker("run", "--rm", "--env-file", file.toString(), TestProject.BUSYBOX,
                        "sh", "-c", "printf '%s|%s' \"$PIKO_ROOT\" \"$PIKO_COMPOSE_PROJECT\"");
                assertEquals(plain.root + "|" + plain.composeProject("d1"), seen.out(), seen::describe);
            } finally {
                Files.deleteIfExists(file);
            }
            assertFalse(dotenv.contains("'"), dotenv);
        }
    }
}
