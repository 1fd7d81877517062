package piko.docker;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import piko.core.ComposeGateway;
import piko.exec.ProcessRunner;
import piko.exec.Timeouts;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Container;

/**
 * Core's gateway to Docker, handing each call to the room of its kind of object (Compose,
 * Containers, Networks, Images, Inventory, Versions). Nothing outside this package spawns docker.
 */
public class Docker implements ComposeGateway {
    /** How compose's own progress reaches the user while it pulls, builds, creates and starts. */
    public enum Progress { SILENT, PLAIN, TERMINAL }

    private final Versions versions;
    private final Compose compose;
    private final Containers containers;
    private final Networks networks;
    private final Images images;
    private final Inventory inventory;
    private final DockerCli cli;

    public Docker(ProcessRunner runner) {
        this(runner, Timeouts.DEFAULTS, PsPrefetch.none());
    }

    public Docker(ProcessRunner runner, Timeouts timeouts, PsPrefetch prefetched) {
        this(runner, timeouts, prefetched, new Answers());
    }

    /** answers: the command's answers so far (a Docker made anew with other timeouts asks nothing twice). */
    public Docker(ProcessRunner runner, Timeouts timeouts, PsPrefetch prefetched, Answers answers) {
        DockerCli cli = new DockerCli(runner, timeouts, answers);
        this.cli = cli;
        this.versions = new Versions(cli);
        this.containers = new Containers(cli, prefetched);
        this.compose = new Compose(cli, containers);
        this.inventory = new Inventory(cli, containers);
        this.networks = new Networks(cli, inventory);
        this.images = new Images(cli);
    }

    /** PLAIN: compose's lines copied to out; TERMINAL: compose writes to piko's stderr itself. */
    public Docker showProgress(Progress how, OutputStream out) {
        compose.showProgress(how, out);
        return this;
    }

    @Override
    public void requireCompose() {
        versions.composeVersion();
    }

    /** The compose v2 plugin's version; fails unless it is there and new enough for the override tags piko writes. */
    public ComposeVersion composeVersion() {
        return versions.composeVersion();
    }

    @Override
    public void requireDaemon() {
        versions.requireDaemon();
    }

    @Override
    public ComposeModel config(ComposeTarget target, Map<String, String> env) {
        return ComposeModel.parse(compose.configJson(target, env));
    }

    /** The fully resolved model as JSON, as compose itself parses it, with the services of every profile. */
    public String composeConfigJson(ComposeTarget target, Map<String, String> env) {
        return compose.configJson(target, env);
    }

    @Override
    public void composeUp(ComposeTarget target, List<String> services, Map<String, String> env, Up how) {
        compose.up(target, services, env, how);
    }

    @Override
    public void composeRemove(ComposeTarget target, List<String> services) {
        compose.remove(target, services);
    }

    @Override
    public void composeStop(ComposeTarget target) {
        compose.stop(target);
    }

    @Override
    public void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env) {
        compose.restart(target, services, env);
    }

    @Override
    public void composeDown(ComposeTarget target, boolean volumes, Duration stopTimeout) {
        compose.down(target, volumes, stopTimeout);
    }

    /** Compose run as composeAttached, but its stdout handed over line by line without terminal codes. */
    public int composeLines(ComposeTarget target, List<String> args, Map<String, String> env,
                            java.util.function.Consumer<String> eachLine) {
        return compose.lines(target, args, env, eachLine);
    }

    /** Any compose command on a project from its directory, on piko's terminal (logs, exec, compose); its exit code. */
    public int composeAttached(ComposeTarget target, List<String> args, Map<String, String> env) {
        return compose.attached(target, args, env);
    }

    @Override
    public String composeLogs(ComposeTarget target, List<String> services, int tail, Map<String, String> env) {
        return compose.logs(target, services, tail, env);
    }

    @Override
    public List<String> failedServices(String composeProject, Instant startedSince) {
        return containers.failedServices(composeProject, startedSince);
    }

    @Override
    public Set<Integer> publishedPorts(String composeProject) {
        return containers.publishedPorts(composeProject);
    }

    @Override
    public Map<String, Integer> runningCommands(String composeProject) {
        return containers.runningCommands(composeProject);
    }

    @Override
    public List<String> anonymousVolumes(String composeProject) {
        return containers.anonymousVolumes(composeProject);
    }

    @Override
    public List<String> containerNetworks(String container) {
        return containers.networksOf(container);
    }

    @Override
    public List<Container> containersOfProject(String project) {
        return containers.ofProject(project);
    }

    @Override
    public Map<String, Instant> startTimes(List<String> names) {
        return containers.startTimes(names);
    }

    @Override
    public List<Container> containersWithLabel(String label) {
        return containers.withLabel(label);
    }

    @Override
    public Map<String, String> networksWithLabel(String label, String valueOf) {
        return networks.withLabel(label, valueOf);
    }

    @Override
    public Map<String, List<String>> networksWithLabels(String label, List<String> valuesOf) {
        return networks.withLabels(label, valuesOf);
    }

    @Override
    public boolean networkExists(String name) {
        return networks.exists(name);
    }

    @Override
    public void connect(String network, String container, List<String> aliases) {
        networks.connect(network, container, aliases);
    }

    @Override
    public void disconnect(String network, String container) {
        networks.disconnect(network, container);
    }

    @Override
    public List<Map<String, String>> labelled(Kind kind, String label, List<String> keys) {
        return inventory.labelled(kind, label, keys);
    }

    @Override
    public List<Map<String, String>> named(Kind kind, String prefix, List<String> keys) {
        return inventory.named(kind, prefix, keys);
    }

    @Override
    public void removeVolumes(List<String> names) {
        inventory.removeVolumes(names);
    }

    @Override
    public List<String> builtImages(String composeProject) {
        return images.built(composeProject);
    }

    @Override
    public boolean removeImages(List<String> images) {
        return this.images.remove(images);
    }

    @Override
    public List<piko.model.Cidr> hostRoutes() {
        return Subnets.hostRoutes(Subnets.ROUTES);
    }

    @Override
    public List<piko.model.Cidr> networkSubnets(String exceptComposeProject) {
        return Subnets.ofNetworks(cli, exceptComposeProject);
    }
}
