package piko.text;

import piko.error.ExitCode;
import java.util.List;
import java.util.Map;
import piko.error.PikoException;

/**
 * Variables written for one consumer each, so that no value, whatever it holds (quotes, `$()`,
 * backticks, `;`, newlines), is read as anything but itself: `sh` for eval in bash, zsh and sh,
 * `fish` for fish's source or eval, `dotenv` for `docker --env-file` and dotenv readers (direnv,
 * compose's env_file).
 */
public final class EnvFormat {
    public static final String SH = "sh";
    public static final String FISH = "fish";
    public static final String DOTENV = "dotenv";
    public static final String JSON = "json";
    public static final List<String> ALL = List.of(SH, FISH, DOTENV, JSON);

    private EnvFormat() {
    }

    /** The variables in a text format (json is the caller's: it is the environment's view). */
    public static String render(String format, Map<String, String> vars) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            switch (format) {
                case SH -> b.append("export ").append(e.getKey()).append('=').append(sh(e.getValue())).append('\n');
                case FISH -> b.append("set -gx ").append(e.getKey()).append(' ').append(fish(e.getValue())).append(";\n");
                case DOTENV -> b.append(e.getKey()).append('=').append(dotenv(e.getKey(), e.getValue())).append('\n');
                default -> throw new PikoException("unknown format '" + format + "'",
                        "use one of: " + String.join(", ", ALL), ExitCode.USAGE);
            }
        }
        return b.toString();
    }

    /** Single quotes, in which POSIX shells take every character as it is but the quote itself. */
    static String sh(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    /**
     * fish's single quotes take backslash and quote as escapes; a newline is written outside them
     * as \n, so every variable stays on one line: `eval (piko env --format fish)` joins the lines
     * of its output with spaces, and the `;` ends each command there.
     */
    static String fish(String v) {
        String quoted = "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
        return quoted.replace("\n", "'\\n'").replace("\r", "'\\r'");
    }

    /**
     * `docker --env-file` takes everything after `=` literally, while dotenv readers strip quotes,
     * end a value at ` #` and expand `$`: a value is written only when both read it the same.
     */
    static String dotenv(String key, String v) {
        boolean plain = v.strip().equals(v) && v.chars().noneMatch(c -> c < 0x20 || c == 0x7f || "'\"\\$`#".indexOf(c) >= 0);
        if (!plain) {
            throw new PikoException(key + " cannot be written as a dotenv line that docker --env-file and dotenv readers"
                    + " read alike (it holds a quote, $, `, \\, #, a control character or surrounding spaces): " + v,
                    "use --format sh, fish or json");
        }
        return v;
    }
}
