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

    /**
     * The anonymous volumes a project's containers mount (a service's `volumes: [/data]`, an
     * image's VOLUME): compose gives them no name and no label, so nothing finds them once the
     * containers are gone.
     */
    List<String> anonymousVolumes(String composeProject);
}
