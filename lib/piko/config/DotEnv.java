package piko.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A `.env` file as compose reads it: `KEY=value` lines, `export ` allowed, `#` comments, values in
 * single quotes (literal) or double quotes (with \n, \" and \\ escapes), or bare (trimmed, a ` #`
 * comment cut off). Interpolation inside values is left alone: piko reads only compose's own
 * settings (COMPOSE_FILE, COMPOSE_PROFILES, ...), which projects write plainly.
 */
public final class DotEnv {
    private DotEnv() {
    }

    /** The variables of a file; a missing or unreadable file has none. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                continue;
            }
            vars.put(key, value(line.substring(eq + 1).strip()));
        }
        return vars;
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.indexOf('\'', 1) > 0) {
            return v.substring(1, v.indexOf('\'', 1));
        }
        if (v.length() >= 2 && v.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && i + 1 < v.length()) {
                    char n = v.charAt(++i);
                    out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }
}
