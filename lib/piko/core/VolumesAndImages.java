package piko.core;

import java.util.List;

/** What a compose project leaves behind its containers: volumes and built images (a role of ComposeGateway). */
public interface VolumesAndImages {
    /** Removes volumes; one that is already gone counts as removed. */
    void removeVolumes(List<String> names);

    /** The images compose built for a project (those without an `image:` name). */
    List<String> builtImages(String composeProject);

    /** Removes images; false when Docker refused. */
    boolean removeImages(List<String> images);
}
