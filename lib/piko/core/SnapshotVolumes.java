package piko.core;

import java.util.List;
import java.util.Map;

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

    void pause(List<String> containers);

    void unpause(List<String> containers);

    void removeContainers(List<String> containers);

    /** Removes the helper containers a copy from or into any of these volumes left (one cut short by a signal). */
    void removeCopyHelpers(List<String> volumes);

    /** Copies a volume's whole content into another (ownership, modes and links kept); returns the bytes streamed. */
    long copy(String from, String to, String image);
}
