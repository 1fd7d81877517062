package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", "../x", "Feature", "has space", "shared", "-lead", "",
            "x2345678901234567890123456789012345678901"})
    void rejectsInvalidEnvironmentNames(String name) {
        PikoException e = assertThrows(PikoException.class, () -> Names.requireValidEnvName(name));
        assertEquals(2, e.exitCode());
        assertTrue(e.hint() != null && !e.hint().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature-auth", "a", "fix_42", "x234567890123456789012345678901234567890"})
    void acceptsValidEnvironmentNames(String name) {
        assertEquals(name, Names.requireValidEnvName(name));
    }

    @Test
    void normalisesDirectoryNamesToComposeProjectNames() {
        assertEquals("my-app", Names.projectNameFrom("My App"));
        assertEquals("web_2-0", Names.projectNameFrom("_Web_2.0!"));
        assertEquals("project", Names.projectNameFrom("..."));
    }

    @Test
    void portVariablesAreUpperCasedWithUnderscores() {
        assertEquals("PIKO_MY_DB_PORT", Names.portVariable("my-db"));
        assertEquals("PIKO_API_V2_PORT", Names.portVariable("api.v2"));
    }
}
