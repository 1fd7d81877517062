package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Engine API's JSON read into plain values, escapes and all, and anything else refused. */
class JsonReaderTest {
    @Test
    void readsObjectsArraysAndEveryKindOfValue() {
        Object v = JsonReader.parse(" {\"Id\":\"abc\",\"Names\":[\"/web-1\"],\"Created\":1796547726,\"Size\":-1.5e2,"
                + "\"RW\":true,\"Off\":false,\"IPAMConfig\":null,\"Empty\":{},\"None\":[]}\n");
        assertEquals("abc", JsonReader.string(v, "Id"));
        assertEquals(List.of("/web-1"), JsonReader.list(v, "Names"));
        assertEquals(1796547726L, ((Map<?, ?>) v).get("Created"));
        assertEquals(-150.0, ((Map<?, ?>) v).get("Size"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) v).get("RW"));
        assertEquals("false", JsonReader.string(v, "Off"));
        assertEquals("", JsonReader.string(v, "IPAMConfig"), "null reads as no text");
        assertEquals("", JsonReader.string(v, "Missing"));
        assertEquals(Map.of(), JsonReader.object(v, "IPAMConfig"));
        assertEquals(List.of(), JsonReader.list(v, "IPAMConfig"));
        assertEquals(List.of(), JsonReader.list(v, "None"));
        assertEquals(List.of("Id", "Names", "Created", "Size", "RW", "Off", "IPAMConfig", "Empty", "None"),
                List.copyOf(((Map<?, ?>) v).keySet()), "members keep their order");
    }

    @Test
    void escapesAsGoWritesThem() {
        // Go's encoder writes <, > and & as \u003c, \u003e and \u0026 unless told otherwise
        Object v = JsonReader.parse("{\"label\":\"a\\u003cb\\u003e \\u0026 \\\"q\\\" \\\\ \\/ \\t\\n\\r\\b\\f\","
                + "\"smile\":\"\\ud83d\\ude00\",\"plain\":\"caf\u00e9\"}");
        assertEquals("a<b> & \"q\" \\ / \t\n\r\b\f", JsonReader.string(v, "label"));
        assertEquals("\ud83d\ude00", JsonReader.string(v, "smile"), "a surrogate pair joins into one character");
        assertEquals("caf\u00e9", JsonReader.string(v, "plain"));
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{\"a\":1}x", "\"open", "\"bad \\x\"", "\"\\u12\"", "01", "tru",
                "{a:1}", "\"tab\there\"")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
        }
    }
}
