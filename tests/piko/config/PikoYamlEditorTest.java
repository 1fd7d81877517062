package piko.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("# top\nshared:\n    - redis\n    - jaeger\n    - es\nscripts:\n  setup: x # keep\n",
                edit(text, "redis", "jaeger", "es"));
        assertEquals("# top\nshared:\n    - jaeger\nscripts:\n  setup: x # keep\n", edit(text, "jaeger"));
    }

    @Test
    void emptiesTheListAsAFlowList() {
        assertEquals("# top\nshared: []\nscripts:\n  setup: x\n",
                edit("# top\nshared:\n  - redis\nscripts:\n  setup: x\n"));
    }

    @Test
    void rewritesFlowAndNullValues() {
        assertEquals("shared: [redis, es] # why\nports: {base: 20000}\n",
                edit("shared: [redis] # why\nports: {base: 20000}\n", "redis", "es"));
        assertEquals("shared: [redis]\ncompose: c.yml\n", edit("shared:\ncompose: c.yml\n", "redis"));
        assertEquals("shared: [redis]\n", edit("shared: []\n", "redis"));
    }
}
