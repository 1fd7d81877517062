package piko.core;

import piko.error.ExitCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import piko.error.PikoException;

/** Durations as users write them (30m, 12h, 14d, 2w) and as piko says them. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([mhdw])");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new PikoException("not a duration: '" + text + "'", "write it like 30m, 12h, 14d or 2w", ExitCode.USAGE);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** "3 days", "5 hours", "12 minutes": the largest whole unit. */
    public static String describe(Duration d) {
        if (d.toDays() >= 1) return plural(d.toDays(), "day");
        if (d.toHours() >= 1) return plural(d.toHours(), "hour");
        return plural(Math.max(0, d.toMinutes()), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
