package piko.model;

import java.time.Instant;
import java.util.Map;

/**
 * A named copy of an environment's volumes: the compose volume key of each copied volume, with
 * the Docker volume that holds the copy and its size in bytes (the copy's stream, tar headers
 * included). complete is false for a save that was interrupted.
 */
public record Snapshot(String name, String source, Instant created, Map<String, String> volumes, Map<String, Long> bytes,
                       String image, boolean complete) {
    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }
}
