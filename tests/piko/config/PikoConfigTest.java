package piko.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;

class PikoConfigTest {
    private static final Path FILE = Path.of("/repo/piko.yaml");

    private static PikoException failure(String yaml) {
        return assertThrows(PikoException.class, () -> PikoConfig.parse(FILE, yaml));
    }

    @Test
    void readsEveryKey() {
        PikoConfig c = PikoConfig.parse(FILE, """
                # comment
                compose: docker/compose.yml
                scripts:
                  setup: ./bin/setup
                  destroy: echo bye
                ports:
                  base: 20000
                  block: 50
                shared:
                  - redis
                  - jaeger
                """);
        assertEquals(List.of("docker/compose.yml"), c.compose());
        assertEquals("./bin/setup", c.setupScript());
        assertEquals("echo bye", c.destroyScript());
        assertEquals(20000, c.portBase());
        assertEquals(50, c.portBlock());
        assertEquals(List.of("redis", "jaeger"), c.shared());
    }

    @Test
    void emptyFileAndMissingFileGiveDefaults(@TempDir Path dir) {
        PikoConfig empty = PikoConfig.parse(FILE, "");
        assertEquals(10000, empty.portBase());
        assertEquals(100, empty.portBlock());
        assertEquals(List.of(), empty.compose());
        assertEquals(List.of(), PikoConfig.load(dir).shared());
    }

    @Test
    void composeTakesOneFileOrAList() {
        assertEquals(List.of("compose.yaml", "compose.dev.yaml"),
                PikoConfig.parse(FILE, "compose:\n  - compose.yaml\n  - compose.dev.yaml\n").compose());
        assertEquals("/repo/piko.yaml:2: '../x.yaml' in 'compose' leaves the repository root (..)",
                failure("compose:\n  - ../x.yaml\n").getMessage());
        assertEquals("/repo/piko.yaml:1: 'compose' must be a compose file or a list of them relative to the repository root",
                failure("compose: 3\n").getMessage());
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        PikoException e = failure("compose: a.yml\nsharde:\n  - redis\n");
        assertEquals("/repo/piko.yaml:2: unknown key 'sharde' (allowed: compose, copy, hostnames, isolate, ports, router, scripts, seed, shared, timeouts)", e.getMessage());
        PikoException nested = failure("scripts:\n  setpu: x\n");
        assertTrue(nested.getMessage().startsWith("/repo/piko.yaml:2: unknown key 'scripts.setpu'"), nested.getMessage());
    }

    @Test
    void wrongTypesAreErrorsWithTheLine() {
        assertEquals("/repo/piko.yaml:2: 'ports.base' must be a whole number",
                failure("ports:\n  base: lots\n").getMessage());
        assertEquals("/repo/piko.yaml:1: 'shared' must be a list of service names",
                failure("shared: redis\n").getMessage());
        assertEquals("/repo/piko.yaml:1: 'compose' must be a compose file or a list of them relative to the repository root",
                failure("compose: {a: b}\n").getMessage());
        assertTrue(failure("- a\n- b\n").getMessage().contains("the top level must be a mapping"));
    }

    @Test
    void rejectsOutOfRangePorts() {
        assertTrue(failure("ports:\n  block: 5\n").getMessage().contains("ports.block"));
        assertTrue(failure("ports:\n  base: 65500\n").getMessage().contains("ports.base"));
    }

    @Test
    void rejectsMalformedYamlAndDuplicateKeys() {
        assertEquals(FILE + ":2: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence from line 1)",
                failure("shared: [redis\n").getMessage(), "the line where reading stopped, and where the list began");
        assertTrue(failure("compose: a\ncompose: b\n").getMessage().contains("compose"));
    }

    @Test
    void rejectsAliasBombs() {
        StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            bomb.append("]\n");
            prev = c;
        }
        PikoException e = failure(bomb.toString());
        assertTrue(e.getMessage().contains("invalid YAML") || e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void rejectsFilesOverOneMebibyte(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("piko.yaml"), "# " + "x".repeat(1024 * 1024) + "\n");
        PikoException e = assertThrows(PikoException.class, () -> PikoConfig.load(dir));
        assertTrue(e.getMessage().contains("larger than 1 MiB"), e.getMessage());
    }

    @Test
    void timeoutsAreSecondsWithZeroForNoLimit() {
        PikoConfig c = PikoConfig.parse(FILE, "timeouts:\n  docker: 45\n  compose: 1800\n  git: 0\n");
        assertEquals(java.time.Duration.ofSeconds(45), c.timeouts().docker());
        assertEquals(java.time.Duration.ofSeconds(1800), c.timeouts().compose());
        assertNull(c.timeouts().git());
        assertEquals(piko.exec.Timeouts.DEFAULTS.scripts(), c.timeouts().scripts());
        assertNull(PikoConfig.parse(FILE, "").timeouts().compose(), "long compose work has no limit by default");
        assertTrue(failure("timeouts:\n  compose: -1\n").getMessage().contains("timeouts.compose' must be between 0"));
        assertTrue(failure("timeouts:\n  build: 5\n").getMessage().contains("unknown key 'timeouts.build'"));
    }

    @Test
    void copyIsAListOfRelativePathsOrGlobsInsideTheRepository() {
        assertEquals(List.of(".env.local", "config/*.yml", "secrets/"),
                PikoConfig.parse(FILE, "copy: [.env.local, config/*.yml, secrets/, .env.local]\n").copy());
        assertEquals(List.of(), PikoConfig.parse(FILE, "").copy());
        assertTrue(failure("copy: .env\n").getMessage().contains("'copy' must be a list of paths"));
        assertTrue(failure("copy:\n  - /etc/passwd\n").getMessage().contains("/repo/piko.yaml:2: '/etc/passwd' in 'copy' is not relative"));
        assertTrue(failure("copy: [~/x]\n").getMessage().contains("is not relative"));
        assertTrue(failure("copy: [a/../../x]\n").getMessage().contains("leaves the repository root"));
        assertTrue(failure("copy: [.piko/state.db]\n").getMessage().contains("is piko's or git's own"));
        assertTrue(failure("copy: ['a/{b']\n").getMessage().contains("is not a valid glob"));
        assertTrue(failure("copy: [3]\n").getMessage().contains("'copy[]' must be a string"));
    }

    @Test
    void hostnamesMapServicesToPortsAndRouterNamesTheMainService() {
        PikoConfig c = PikoConfig.parse(FILE, "hostnames:\n  web: 8080\n  api: 3000\nrouter:\n  service: web\n");
        assertEquals(java.util.Map.of("web", 8080, "api", 3000), c.hostnames());
        assertEquals("web", c.routerService());
        assertEquals(java.util.Map.of(), PikoConfig.parse(FILE, "").hostnames());
        assertTrue(failure("hostnames:\n  web: 70000\n").getMessage().contains("'hostnames.web' must be a port between 1 and 65535"));
        assertTrue(failure("hostnames: [web]\n").getMessage().contains("must map service names to container ports"));
        assertTrue(failure("router:\n  main: web\n").getMessage().contains("unknown key 'router.main'"));
    }
}
