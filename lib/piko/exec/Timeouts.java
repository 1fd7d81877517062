package piko.exec;

import java.time.Duration;

/**
 * How long piko lets each kind of process run; null means no limit. Long compose work (pull, build,
 * up, wait for health) has none by default: a hang is caught by watching the daemon instead.
 */
public record Timeouts(Duration docker, Duration compose, Duration git, Duration scripts) {
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(30), null, null, Duration.ofMinutes(30));

    /** Seconds as piko.yaml gives them: 0 means no limit. */
    public static Duration seconds(int s) {
        return s == 0 ? null : Duration.ofSeconds(s);
    }
}
