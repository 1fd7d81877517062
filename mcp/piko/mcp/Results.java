package piko.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import piko.mcp.CommandRunner.Outcome;

/**
 * A tool's answer: the structured content (a view, or an object around views), the same data as
 * the first text (what --json prints), and the command's talk as a second text; on failure piko's
 * `error:` and `hint:` lines, with command lines said as tools.
 */
final class Results {
    private static final TypeRef<Object> ANY = new TypeRef<>() {
    };

    private Results() {
    }

    static Object parse(String json) {
        try {
            return McpJsonDefaults.getMapper().readValue(json, ANY);
        } catch (IOException e) {
            throw new IllegalStateException("piko printed no JSON: " + json, e);
        }
    }

    static CallToolResult failed(Outcome o) {
        return CallToolResult.builder().isError(true).addTextContent(ToolHints.translate(o.err().strip())).build();
    }

    /** A structured result; its text is the command's own JSON output when given, else the structure as JSON. */
    static CallToolResult ok(Map<String, Object> structured, String dataText, String talk) {
        CallToolResult.Builder result = CallToolResult.builder().isError(false).structuredContent(structured);
        result.addTextContent(dataText != null ? dataText : json(structured));
        if (!talk.isBlank()) {
            result.addTextContent(ToolHints.translate(talk.strip()));
        }
        return result.build();
    }

    static String json(Object value) {
        try {
            return McpJsonDefaults.getMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An object holding the command's JSON output under a key (where the CLI prints an array). */
    static Map<String, Object> wrapped(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", 1);
        m.put(key, value);
        return m;
    }

    /** The `warning:` lines of a command's talk, without the prefix. */
    static List<String> warnings(String talk) {
        List<String> out = new ArrayList<>();
        for (String line : talk.split("\n")) {
            if (line.startsWith("warning: ")) {
                out.add(line.substring("warning: ".length()));
            }
        }
        return out;
    }

    /** The check-mark lines of a command's talk (what it did), without the mark. */
    static List<String> done(String talk) {
        List<String> out = new ArrayList<>();
        for (String line : talk.split("\n")) {
            if (line.startsWith("\u2713 ") || line.startsWith("* ")) {
                out.add(line.substring(2));
            }
        }
        return out;
    }
}
