package piko.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Docker work snapshots need: labelled volumes, containers that mount them, and copies between volumes. */
public interface SnapshotVolumes {
    /** A volume with the values of the labels asked for ("" where it has none). */
    record Volume(String name, Map<String, String> labels) {
    }

    List<Volume> volumesWithLabel(String label, List<String> keys);

    /** Every label of a volume (to recreate it as it was). */
    Map<String, String> labelsOf(String volume);

    void createVolume(String name, Map<String, String> labels);

    void removeVolumes(List<String> names);

    /** Running containers that mount any of the volumes. */
    List<String> runningContainersUsing(List<String> volumes);

    /** Containers in any state that mount any of the volumes, with their image. */
    Map<String, String> containersUsing(List<String> volumes);

    /** The image of a container (in any state) that mounts the volume, for each volume that one mounts. */
    Map<String, String> imagesOf(List<String> volumes);

    void pause(List<String> containers);

    void unpause(List<String> containers);

    void removeContainers(List<String> containers);

    /** Removes the helper containers a copy from or into any of these volumes left (one cut short by a signal). */
    void removeCopyHelpers(List<String> volumes);

    /**
     * Copies each source volume's whole content into its target (owners, modes and links kept) with
     * cp inside one container of the image; returns the copies' sizes by target, or empty, having
     * copied nothing, when the image has no shell, cp or du.
     */
    Optional<Map<String, Long>> copyInContainer(Map<String, String> fromTo, String image);

    /** Copies a volume's whole content into another through the archive stream, for any image; returns the bytes streamed. */
    long copy(String from, String to, String image);
}
