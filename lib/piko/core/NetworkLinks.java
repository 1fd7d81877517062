package piko.core;

import java.util.List;
import java.util.Map;

/** Docker networks and the containers attached to them (a role of ComposeGateway). */
public interface NetworkLinks {
    /** Networks carrying a label (key=value), each with the value of another label: name to value. */
    Map<String, String> networksWithLabel(String label, String valueOf);

    /** Networks carrying a label (key=value), each with the values of other labels, in their order. */
    Map<String, List<String>> networksWithLabels(String label, List<String> valuesOf);

    /** The networks a container is attached to. */
    List<String> containerNetworks(String container);

    boolean networkExists(String name);

    /** Attaches a container to a network under aliases; already attached counts as done. */
    void connect(String network, String container, List<String> aliases);

    /** Detaches a container from a network; not attached counts as done. */
    void disconnect(String network, String container);
}
