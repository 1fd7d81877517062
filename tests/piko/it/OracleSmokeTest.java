package piko.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OracleSmokeTest {
    @Test
    void dockerIsReachable() {
        assertTrue(DockerOracle.available(), "Docker must be running for the integration tests (tests/setup-host)");
        assertTrue(DockerOracle.networkExists("bridge"));
    }
}
