package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComposeVersionTest {
    @Test
    void readsTheVersionsComposeBuildsPrint() {
        assertEquals("2.26.1", ComposeVersion.parse("2.26.1-4").toString());
        assertEquals("2.29.7", ComposeVersion.parse("v2.29.7-desktop.1").toString());
        assertEquals("1.29.2", ComposeVersion.parse("docker-compose version 1.29.2, build 5becea4c").toString());
        assertThrows(IllegalArgumentException.class, () -> ComposeVersion.parse("none"));
    }

    @Test
    void comparesNumerically() {
        assertTrue(ComposeVersion.parse("2.24.0").compareTo(ComposeVersion.parse("2.9.9")) > 0);
        assertTrue(ComposeVersion.parse("2.26.0").compareTo(ComposeVersion.MINIMUM) < 0);
        assertTrue(ComposeVersion.parse("2.24.4").compareTo(ComposeVersion.MINIMUM) < 0);
        assertTrue(ComposeVersion.parse("2.26").compareTo(ComposeVersion.MINIMUM) < 0, "2.26 reads as 2.26.0");
        assertEquals(0, ComposeVersion.parse("2.26.1-4").compareTo(ComposeVersion.MINIMUM));
        assertTrue(ComposeVersion.parse("2.27.0").compareTo(ComposeVersion.MINIMUM) > 0);
        assertTrue(ComposeVersion.parse("v5.0.0").compareTo(ComposeVersion.MINIMUM) > 0, "compose went from 2.x to 5");
    }
}
