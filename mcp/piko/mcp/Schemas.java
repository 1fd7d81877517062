package piko.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of the tools' structured results: the views of README's JSON section (what --json
 * prints), wrapped in an object where the CLI prints an array (MCP's structured content is an object).
 */
final class Schemas {
    private Schemas() {
    }

    static final Map<String, Object> STRING = Map.of("type", "string");
    static final Map<String, Object> STRINGS = array(STRING);
    static final Map<String, Object> PORT = object(Map.of("target", type("integer"), "protocol", STRING,
            "host", type("integer")));
    static final Map<String, Object> SERVICE = object(Map.of("service", STRING, "state", STRING, "health", STRING,
            "ports", array(PORT), "note", STRING));
    /** An environment as recorded (what every environment view has). */
    private static final Map<String, Object> RECORDED = Map.of("version", type("integer"), "name", STRING,
            "branch", STRING, "path", STRING, "created", STRING, "shared", STRINGS);
    /** An environment with its live status and services (list, status, and the changing tools). */
    static final Map<String, Object> ENVIRONMENT = object(with(RECORDED, Map.of("status", STRING,
            "unhealthy", STRINGS, "services", array(SERVICE), "compose_project", STRING, "compose_files", STRINGS,
            "notes", STRINGS)));
    /** An environment with its PIKO_* variables (env). */
    static final Map<String, Object> ENVIRONMENT_VARIABLES = object(with(RECORDED,
            Map.of("variables", Map.of("type", "object", "additionalProperties", STRING))));
    static final Map<String, Object> SHARED_SERVICE = object(Map.of("version", type("integer"), "service", STRING,
            "declared", type("boolean"), "status", STRING, "container", nullable("string"),
            "network", nullable("string"), "ports", array(PORT), "consumers", STRINGS));
    /** What piko warned of while the tool ran (a host mount, the Docker socket, host network, ...). */
    static final Map<String, Object> WARNINGS = STRINGS;

    static Map<String, Object> type(String type) {
        return Map.of("type", type);
    }

    static Map<String, Object> nullable(String type) {
        return Map.of("type", List.of(type, "null"));
    }

    static Map<String, Object> array(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    /** An object with these properties, all required (views never leave a key out). */
    static Map<String, Object> object(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(properties.keySet()));
        return schema;
    }

    /** An object with the properties of a view plus these. */
    static Map<String, Object> extend(Map<String, Object> objectSchema, Map<String, Object> more) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) objectSchema.get("properties");
        return object(with(properties, more));
    }

    static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }
}
