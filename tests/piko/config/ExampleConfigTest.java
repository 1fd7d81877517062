package piko.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** piko.yaml.example documents every key: it must stay a valid piko.yaml. */
class ExampleConfigTest {
    @Test
    void theExampleParsesWithEveryKeySet() throws Exception {
        Path example = Path.of("piko.yaml.example");
        PikoConfig c = PikoConfig.parse(example, Files.readString(example));
        assertEquals(List.of("compose.yaml"), c.compose());
        assertEquals(List.of("arr-stack"), c.isolate());
        assertEquals(10000, c.portBase());
        assertEquals(100, c.portBlock());
        assertEquals(List.of("redis"), c.shared());
        assertEquals(List.of(".env.local", "config/*.local.yml"), c.copy());
        assertEquals(java.time.Duration.ofSeconds(30), c.timeouts().docker());
        assertEquals(null, c.timeouts().compose());
        assertEquals("echo \"bye $PIKO_ENV_NAME\"", c.destroyScript());
        assertEquals(java.util.Map.of("web", 8080), c.hostnames());
        assertEquals("base-data", c.seed());
        assertEquals("web", c.routerService());
        assertEquals("echo \"database on port $PIKO_DB_PORT\"\n", c.setupScript());
    }
}
