package piko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class JsonTest {
    @Test
    void writesNestedValuesThatParseBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a\"b\\c\n\u0001");
        m.put("ports", List.of(1, 2));
        m.put("empty", List.of());
        m.put("ok", true);
        m.put("none", null);
        String json = Json.write(m);
        assertEquals(m, new Yaml().load(json));
    }
}
