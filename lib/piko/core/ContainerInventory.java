package piko.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import piko.model.Container;

/** Containers as Docker reports them now (a role of ComposeGateway). */
public interface ContainerInventory {
    /** The containers of one piko project, running or not. */
    List<Container> containersOfProject(String project);

    /** All containers, running or not, that carry the given label (key or key=value). */
    List<Container> containersWithLabel(String label);

    /** When each container last started, by name; those gone or never started are left out. */
    Map<String, Instant> startTimes(List<String> containers);

    /** The services of a project whose containers failed in a start begun then (exited non-zero, unhealthy, dead). */
    List<String> failedServices(String composeProject, Instant startedSince);

    /** The host ports a project's containers publish now. */
    Set<Integer> publishedPorts(String composeProject);
}
