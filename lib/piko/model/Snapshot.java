package piko.model;

import java.time.Instant;
import java.util.Map;

/**
 * A named copy of an environment's volumes: the compose volume key of each copied volume, with
 * the Docker volume that holds the copy, its size in bytes (what du counts, or for a copy through
 * the archive stream, the stream, tar headers included) and the image it was copied with (the
 * service's own). complete is false for a save that was interrupted.
 */
public record Snapshot(String name, String source, Instant created, Map<String, String> volumes, Map<String, Long> bytes,
                       Map<String, String> images, boolean complete) {
    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A size for people: 512 B, 1.5 KiB, 3.2 GiB. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
