package piko.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;

class EnvFormatTest {
    private static Map<String, String> vars(String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PIKO_ROOT", value);
        m.put("PIKO_WEB_PORT", "10180");
        return m;
    }

    @Test
    void shQuotesEveryValueInSingleQuotes() {
        assertEquals("export PIKO_ROOT='/a/it'\\''s $(x) `y`;z'\nexport PIKO_WEB_PORT='10180'\n",
                EnvFormat.render("sh", vars("/a/it's $(x) `y`;z")));
    }

    @Test
    void fishEscapesBackslashAndQuoteAndKeepsEachVariableOnOneLine() {
        assertEquals("set -gx PIKO_ROOT '/a\\\\\\'b'\\n'c';\nset -gx PIKO_WEB_PORT '10180';\n",
                EnvFormat.render("fish", vars("/a\\'b\nc")));
    }

    @Test
    void dotenvWritesPlainValuesAsTheyAreAndRefusesTheRest() {
        assertEquals("PIKO_ROOT=/home/me/my shop\nPIKO_WEB_PORT=10180\n", EnvFormat.render("dotenv", vars("/home/me/my shop")));
        for (String hostile : new String[] {"/a'b", "/a\"b", "/a$(x)", "/a`x`", "/a #x", "/a\nb", "/a\\b", " /a"}) {
            PikoException e = assertThrows(PikoException.class, () -> EnvFormat.render("dotenv", vars(hostile)));
            assertTrue(e.getMessage().startsWith("PIKO_ROOT cannot be written as a dotenv line"), e.getMessage());
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        PikoException e = assertThrows(PikoException.class, () -> EnvFormat.render("csh", vars("x")));
        assertEquals(2, e.exitCode());
    }
}
