package piko.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PikoYamlEditorTest {
    private static final Path FILE = Path.of("piko.yaml");

    private static String edit(String text, String... services) {
        String out = PikoYamlEditor.withShared(text, List.of(services));
        assertEquals(List.of(services), PikoConfig.parse(FILE, out).shared(), out);
        return out;
    }

    @Test
    void createsTheListInAnEmptyFile() {
        assertEquals("shared:\n  - redis\n", edit("", "redis"));
    }

    @Test
    void appendsTheKeyKeepingEverythingElse() {
        String text = "# my settings\nports:\n  base: 20000 # high\n";
        assertEquals(text + "shared:\n  - redis\n", edit(text, "redis"));
        assertEquals("compose: a.yml\nshared:\n  - redis\n", edit("compose: a.yml", "redis"));
    }

    @Test
    void rewritesABlockListInPlaceWithItsIndentation() {
        String text = "# top\nshared:\n    - redis   # cache\n    - jaeger\nscripts:\n  setup: x # keep\n";
        assertEquals("# top\nshared:\n    - redis   # cache\n    - jaeger\n    - es\nscripts:\n  setup: x # keep\n",
                edit(text, "redis", "jaeger", "es"));
        assertEquals("# top\nshared:\n    - jaeger\nscripts:\n  setup: x # keep\n", edit(text, "jaeger"));
    }

    @Test
    void emptiesTheListAsAFlowList() {
        assertEquals("# top\nshared: []\nscripts:\n  setup: x\n",
                edit("# top\nshared:\n  - redis\nscripts:\n  setup: x\n"));
    }

    @Test
    void keepsTheCommentsInsideTheList() {
        String text = "shared:\n  # the cache, shared since March\n  - redis # hot\n  # tracing\n  - jaeger\n  # more later\nports:\n  base: 20000\n";
        assertEquals("shared:\n  # the cache, shared since March\n  - redis # hot\n  # tracing\n  - jaeger\n  - es\n  # more later\nports:\n  base: 20000\n",
                edit(text, "redis", "jaeger", "es"));
        assertEquals("shared:\n  # the cache, shared since March\n  - redis # hot\n  # tracing\n  # more later\nports:\n  base: 20000\n",
                edit(text, "redis"));
        assertEquals("shared: []\n  # the cache, shared since March\n  # tracing\n  # more later\nports:\n  base: 20000\n",
                edit(edit(text, "redis")));
        assertEquals("shared: [redis, # why\n  es, db]\n", edit("shared: [redis, # why\n  es]\n", "redis", "es", "db"));
        assertEquals("shared: [es] # why\n", edit("shared: [redis, es] # why\n", "es"));
        assertEquals("shared: [redis] # why\n", edit("shared: [redis, es] # why\n", "redis"));
        assertEquals("shared:\n  - a\n  - b", edit("shared:\n  - a", "a", "b"));
    }

    @Test
    void quotesNamesYamlWouldReadAsSomethingElse() {
        for (String name : List.of("yes", "no", "on", "off", "Yes", "NULL", "null", "1", "1.5", "0x1f", "1e3", "1_000",
                "012", "2024-01-01", "true", "y", "n")) {
            String out = edit("", name);
            assertEquals(List.of(name, "redis"), PikoConfig.parse(FILE, edit(out, name, "redis")).shared(), out);
            assertEquals(List.of(name, "x"), PikoConfig.parse(FILE, edit("shared: [a]\n", name, "x")).shared());
        }
        assertEquals("shared:\n  - \"yes\"\n", edit("", "yes"));
        assertEquals("shared: [redis, \"on\"]\n", edit("shared: [redis]\n", "redis", "on"));
        assertEquals("my-db", PikoYamlEditor.scalar("my-db"));
        for (String odd : List.of("~", "-x", ":x", "#x", "a: b", "a #b", ".inf", "")) {
            assertEquals(odd, new org.yaml.snakeyaml.Yaml().load("[" + PikoYamlEditor.scalar(odd) + "]").toString()
                    .replaceAll("^\\[|\\]$", ""), odd);
        }
    }

    @Test
    void writesTheFileALinkNamesInsideTheRepositoryAndKeepsTheLink(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("config"));
        Files.writeString(repo.resolve("config/piko.yaml"), "# shared settings\n");
        Files.createSymbolicLink(repo.resolve("piko.yaml"), Path.of("config/piko.yaml"));
        PikoYamlEditor.writeShared(repo.resolve("piko.yaml"), List.of("yes"));
        assertTrue(Files.isSymbolicLink(repo.resolve("piko.yaml")), "the link stays a link");
        assertEquals("# shared settings\nshared:\n  - \"yes\"\n", Files.readString(repo.resolve("config/piko.yaml")));
    }

    @Test
    void refusesALinkLeadingOutOfTheRepository(@TempDir Path repo, @TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("piko.yaml"), "ports:\n  base: 20000\n");
        Files.createSymbolicLink(repo.resolve("piko.yaml"), elsewhere.resolve("piko.yaml"));
        PikoException e = assertThrows(PikoException.class,
                () -> PikoYamlEditor.writeShared(repo.resolve("piko.yaml"), List.of("redis")));
        assertTrue(e.getMessage().contains("is a symbolic link that leads out of"), e.getMessage());
        assertEquals("ports:\n  base: 20000\n", Files.readString(elsewhere.resolve("piko.yaml")));
        assertTrue(Files.isSymbolicLink(repo.resolve("piko.yaml")));
    }

    @Test
    void rewritesFlowAndNullValues() {
        assertEquals("shared: [redis, es] # why\nports: {base: 20000}\n",
                edit("shared: [redis] # why\nports: {base: 20000}\n", "redis", "es"));
        assertEquals("shared: [redis]\ncompose: c.yml\n", edit("shared:\ncompose: c.yml\n", "redis"));
        assertEquals("shared: [redis]\n", edit("shared: []\n", "redis"));
    }
}
