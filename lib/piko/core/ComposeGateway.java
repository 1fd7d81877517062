package piko.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;

/** What core needs from Docker and Compose; piko.docker implements it, the flow tests fake it. */
public interface ComposeGateway {
    /** How far `up` goes: create only (networks and containers), start, or start and wait until healthy. */
    enum Up { CREATE_ONLY, START, START_AND_WAIT }

    /** The kinds of Docker object piko labels. */
    enum Kind { CONTAINER, NETWORK, VOLUME }

    /** Fails unless the compose v2 plugin is there and new enough for the override tags piko writes. */
    void requireCompose();

    /** Fails unless the Docker daemon answers. */
    void requireDaemon();

    /** The fully resolved model of a project, as compose itself parses it. */
    ComposeModel config(ComposeTarget target, Map<String, String> env);

    void composeUp(ComposeTarget target, List<String> services, Map<String, String> env, Up how);

    default void composeUp(ComposeTarget target, List<String> services, Map<String, String> env) {
        composeUp(target, services, env, Up.START);
    }

    /** Stops and removes the containers of some services of a project; their volumes stay. */
    void composeRemove(ComposeTarget target, List<String> services);

    void composeStop(ComposeTarget target);

    void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env);

    /** Removes containers and networks (and volumes when asked); stopTimeout null: each service's own. */
    void composeDown(ComposeTarget target, boolean volumes, Duration stopTimeout);

    default void composeDown(ComposeTarget target, boolean volumes) {
        composeDown(target, volumes, null);
    }

    /** Networks carrying a label (key=value), each with the value of another label: name to value. */
    Map<String, String> networksWithLabel(String label, String valueOf);

    /** The networks a container is attached to. */
    List<String> containerNetworks(String container);

    boolean networkExists(String name);

    /** Networks carrying a label (key=value), each with the values of other labels, in their order. */
    Map<String, List<String>> networksWithLabels(String label, List<String> valuesOf);

    /** Attaches a container to a network under aliases; already attached counts as done. */
    void connect(String network, String container, List<String> aliases);

    /** Detaches a container from a network; not attached counts as done. */
    void disconnect(String network, String container);

    /** The last lines of some services' logs, captured. */
    String composeLogs(ComposeTarget target, List<String> services, int tail, Map<String, String> env);

    /** The services of a project whose containers failed in a start begun then (exited non-zero, unhealthy, dead). */
    List<String> failedServices(String composeProject, java.time.Instant startedSince);

    /** Objects of a kind carrying a label, each with its name and the values of some label keys. */
    List<Map<String, String>> labelled(Kind kind, String label, List<String> keys);

    /** The host ports a project's containers publish now. */
    java.util.Set<Integer> publishedPorts(String composeProject);

    /** The images compose built for a project (those without an `image:` name). */
    List<String> builtImages(String composeProject);

    /** Removes volumes; one that is already gone counts as removed. */
    void removeVolumes(List<String> names);

    /** Removes images; false when Docker refused. */
    boolean removeImages(List<String> images);

    /** When each container last started, by name; those gone or never started are left out. */
    Map<String, java.time.Instant> startTimes(List<String> containers);

    /** The host's IPv4 routes, the default route left out (local Docker bridges have one each). */
    List<piko.model.Cidr> hostRoutes();

    /** The IPv4 subnets of every Docker network but those of one compose project. */
    List<piko.model.Cidr> networkSubnets(String exceptComposeProject);

    /** The containers of one piko project, running or not. */
    List<Container> containersOfProject(String project);

    /** All containers, running or not, that carry the given label (key or key=value). */
    List<Container> containersWithLabel(String label);
}
