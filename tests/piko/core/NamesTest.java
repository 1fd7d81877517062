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
        assertEquals("my_app", Names.projectNameFrom("My App"));
        assertEquals("my_app", Names.projectNameFrom("my-app"));
        assertEquals("web_2_0", Names.projectNameFrom("_Web_2.0!"));
        assertEquals("project", Names.projectNameFrom("..."));
        assertEquals(Names.MAX_PROJECT_NAME - 3, Names.projectNameFrom("a".repeat(60)).length(), "room for a 2, 3, ...");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p-q", "", "_a", "Shop", "a b", "x234567890123456789012345678901"})
    void rejectsInvalidProjectNames(String name) {
        assertEquals(2, assertThrows(PikoException.class, () -> Names.requireValidProjectName(name)).exitCode());
    }

    /**
     * The naming rule: a project name holds no '-', so the compose names of two projects never
     * meet, whatever their environments are called (issue 15: env q-shared of p against the
     * shared project of p-q).
     */
    @Test
    void composeNamesOfDifferentProjectsNeverMeet() {
        java.util.List<String> projects = java.util.List.of("p", "p_q", "pq", "p2", "shop", "shop2");
        java.util.List<String> envs = java.util.List.of("q-shared", "q", "shared-x", "2", "e1", "q_shared", "x-e1", "shop2");
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (String p : projects) {
            assertEquals(p, Names.requireValidProjectName(p));
            java.util.List<String> names = new java.util.ArrayList<>(envs.stream().map(e -> Names.composeProject(p, e)).toList());
            names.add(Names.sharedComposeProject(p));
            for (String n : names) {
                String before = seen.put(n, p);
                assertTrue(before == null || before.equals(p), n + " is a name of both " + before + " and " + p);
            }
        }
    }

    @Test
    void portVariablesAreUpperCasedWithUnderscores() {
        assertEquals("PIKO_MY_DB_PORT", Names.portVariable("my-db"));
        assertEquals("PIKO_API_V2_PORT", Names.portVariable("api.v2"));
    }
}
