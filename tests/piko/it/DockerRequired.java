package piko.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;

/** Integration tests fail, never skip, when Docker is missing: run tests/setup-host (tests/run does). */
abstract class DockerRequired {
    @BeforeAll
    static void dockerIsThere() {
        assertTrue(DockerOracle.available(), "no Docker engine reachable: run tests/setup-host first");
    }
}
