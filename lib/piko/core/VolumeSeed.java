package piko.core;

import java.util.Collection;

/** Data for a new environment's volumes, put in before compose first starts it (create --from). */
public interface VolumeSeed {
    /** Where the data comes from, for the user. */
    String source();

    /** Creates and fills the volumes compose will use for these keys; returns the keys filled. */
    Collection<String> fill(String composeProject, String env, Collection<String> volumeKeys);
}
