package piko.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piko.error.PikoException;

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
     * pauseEnv that use them paused meanwhile (only for the copy: the targets are made before); a
     * failed copy leaves no target behind. images: the image to copy each volume with, by key.
     */
    Map<String, Long> copyAll(Map<String, String> source, Map<String, String> targets, Map<String, String> images,
                                      java.util.function.Function<String, Map<String, String>> labels, String pauseEnv) {
        List<String> paused = pauseEnv == null ? List.of() : docker.runningContainersUsing(new ArrayList<>(source.values()));
        Map<String, Long> bytes = new LinkedHashMap<>();
        List<String> made = new ArrayList<>();
        try {
            for (String key : source.keySet()) {
                docker.createVolume(targets.get(key), labels.apply(key));
                made.add(targets.get(key));
            }
            if (!paused.isEmpty()) {
                out.info("Pausing " + String.join(", ", paused) + " of " + pauseEnv + " for a consistent copy");
                docker.pause(paused);
            }
            Map<String, List<String>> byImage = new LinkedHashMap<>();
            source.keySet().forEach(key -> byImage.computeIfAbsent(images.get(key), i -> new ArrayList<>()).add(key));
            byImage.forEach((image, keys) -> bytes.putAll(copyWith(image, keys, source, targets)));
            made.clear();
        } finally {
            cancellation.shielded(() -> cleanUp(paused, made, source.values()));  // Ctrl-C: the clean-up must still run
        }
        return bytes;
    }

    /**
     * The image to copy each volume with, by key: that of a container mounting it (the service's
     * own), else the fallback's, else any the volumes' containers run; with none of them, an error.
     */
    Map<String, String> serviceImages(Map<String, String> volumes, Map<String, String> fallback, String env) {
        Map<String, String> byVolume = docker.imagesOf(new ArrayList<>(volumes.values()));
        Map<String, String> images = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : volumes.entrySet()) {
            String image = byVolume.getOrDefault(v.getValue(), fallback.get(v.getKey()));
            if (image == null && byVolume.isEmpty()) {
                throw new PikoException("no container of " + env + " mounts its volumes, so piko has no image to copy them with",
                        "start it once with: piko up " + env);
            }
            images.put(v.getKey(), image == null ? byVolume.values().iterator().next() : image);
        }
        return images;
    }

    /** cp in one container of the image for all the volumes; the archive stream, slower, when the image has no cp. */
    private Map<String, Long> copyWith(String image, List<String> keys, Map<String, String> source, Map<String, String> targets) {
        Map<String, String> fromTo = new LinkedHashMap<>();
        keys.forEach(key -> fromTo.put(source.get(key), targets.get(key)));
        out.info("Copying " + String.join(", ", keys) + " with cp in a container of " + image);
        Optional<Map<String, Long>> sizes = docker.copyInContainer(fromTo, image);
        Map<String, Long> bytes = new LinkedHashMap<>();
        if (sizes.isPresent()) {
            keys.forEach(key -> bytes.put(key, sizes.get().getOrDefault(targets.get(key), 0L)));
        } else {
            out.info(image + " has no shell, cp or du: copying " + String.join(", ", keys) + " through Docker's archive stream");
            keys.forEach(key -> bytes.put(key, docker.copy(source.get(key), targets.get(key), image)));
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
