package piko.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON the Docker Engine API answers with into plain Java values: objects as maps (in
 * their order), arrays as lists, strings, numbers (Long, or Double with a fraction or exponent),
 * booleans and null. Strict: anything that is not one JSON value fails with where it stopped.
 */
final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        Object value = r.value();
        r.space();
        if (r.at < text.length()) {
            throw r.error("text after the value");
        }
        return value;
    }

    /** The object's member as a map (absent, null or not an object: empty). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object of, String key) {
        Object v = of instanceof Map<?, ?> m ? m.get(key) : null;
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The object's member as a list (absent, null or not an array: empty). */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object of, String key) {
        Object v = of instanceof Map<?, ?> m ? m.get(key) : null;
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** The object's member as text (absent or null: ""; a number as written). */
    static String string(Object of, String key) {
        Object v = of instanceof Map<?, ?> m ? m.get(key) : null;
        return v == null ? "" : String.valueOf(v);
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw error("a value expected");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return out;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("a member name expected");
            }
            String key = string();
            space();
            expect(':');
            out.put(key, value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return out;
        }
        while (true) {
            out.add(value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() {
        at++;  // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("an unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("a control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("an unterminated escape");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                        throw error("a \\u escape without four hex digits");
                    }
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));  // surrogate pairs join as two chars
                    at += 4;
                }
                default -> throw error("an unknown escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String n = text.substring(start, at);
        if (!n.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            at = start;
            throw error("a value expected");
        }
        if (n.matches("-?\\d{1,18}")) {
            return Long.parseLong(n);
        }
        return Double.parseDouble(n);
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("a value expected");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at character " + at + ": " + what);
    }
}
