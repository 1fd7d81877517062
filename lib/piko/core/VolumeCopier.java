package piko.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Volume-to-volume copies for snapshots and create --from. */
final class VolumeCopier {
    private final SnapshotVolumes docker;
    private final Reporter out;
    private final Cancellation cancellation;

    VolumeCopier(SnapshotVolumes docker, Reporter out, Cancellation cancellation) {
        this.docker = docker;
        this.out = out;
        this.cancellation = cancellation;
    }

    /**
     * Copies each source volume into a new target volume (labelled), the running containers of
     * pauseEnv that use them paused meanwhile; a failed copy leaves no target behind.
     */
    Map<String, Long> copyAll(Map<String, String> source, Map<String, String> targets, String image,
                                      java.util.function.Function<String, Map<String, String>> labels, String pauseEnv) {
        List<String> paused = pauseEnv == null ? List.of() : docker.runningContainersUsing(new ArrayList<>(source.values()));
        Map<String, Long> bytes = new LinkedHashMap<>();
        List<String> made = new ArrayList<>();
        try {
            if (!paused.isEmpty()) {
                out.info("Pausing " + String.join(", ", paused) + " of " + pauseEnv + " for a consistent copy");
                docker.pause(paused);
            }
            for (Map.Entry<String, String> e : source.entrySet()) {
                String target = targets.get(e.getKey());
                docker.createVolume(target, labels.apply(e.getKey()));
                made.add(target);
                bytes.put(e.getKey(), docker.copy(e.getValue(), target, image));
            }
            made.clear();
        } finally {
            cancellation.shielded(() -> cleanUp(paused, made, source.values()));  // Ctrl-C: the clean-up must still run
        }
        return bytes;
    }

    private void cleanUp(List<String> paused, List<String> made, java.util.Collection<String> source) {
        if (!paused.isEmpty()) {
            try {
                docker.unpause(paused);
                out.info("Resumed " + String.join(", ", paused));
            } catch (RuntimeException e) {
                out.warn(e.getMessage());
            }
        }
        if (!made.isEmpty()) {
            try {
                List<String> volumes = new ArrayList<>(made);
                volumes.addAll(source);
                docker.removeCopyHelpers(volumes);
            } catch (RuntimeException e) {
                out.warn("could not remove the helpers of an unfinished copy: " + e.getMessage());
            }
            try {
                docker.removeVolumes(made);  // a failed copy leaves no half-filled volume behind
            } catch (RuntimeException e) {
                out.warn("could not remove the unfinished copies " + String.join(", ", made) + ": " + e.getMessage());
            }
        }
    }
}
