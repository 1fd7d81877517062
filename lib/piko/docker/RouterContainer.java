package piko.docker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;

/** The machine's router container: docker run, inspect, logs and rm, with piko's router label. */
public final class RouterContainer {
    /** On the router's container and volume; its value is the machine-wide folder the router belongs to. */
    public static final String LABEL = "dev.piko.router";
    private final DockerCli cli;

    public RouterContainer(ProcessRunner runner, Timeouts timeouts) {
        this.cli = new DockerCli(runner, timeouts, new Answers());
    }

    private Result docker(List<String> args) {
        return cli.run(cli.quick(args));
    }

    /** The container as the Engine API inspects it now (null: ask the CLI). */
    private Result inspected(String name) {
        return cli.apiFresh("/containers/" + EngineApi.segment(name) + "/json", java.util.Map.of());
    }

    /** Docker's state of the container, or null when there is none. */
    public String state(String name) {
        Result api = inspected(name);
        Result r = api != null ? api : docker(List.of("docker", "container", "inspect", "--format", "{{.State.Status}}", name));
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            return null;
        }
        return api != null ? JsonReader.string(JsonReader.object(JsonReader.parse(r.stdout()), "State"), "Status") : r.stdout().strip();
    }

    /** The router label's value, or null. */
    public String owner(String name) {
        Result api = inspected(name);
        Result r = api != null ? api
                : docker(List.of("docker", "container", "inspect", "--format", "{{index .Config.Labels \"" + LABEL + "\"}}", name));
        String v = !r.ok() ? "" : api != null ? JsonReader.string(JsonReader.object(JsonReader.object(JsonReader.parse(r.stdout()),
                "Config"), "Labels"), LABEL) : r.stdout().strip();
        return v.isEmpty() || v.equals("<no value>") ? null : v;
    }

    /** host network (it reaches every published port on 127.0.0.1), restarted with the daemon until stopped. */
    public void run(String name, String image, String owner, Path configDir, String mountedAt, String configFile, String volume) {
        cli.check(cli.quick(List.of("docker", "volume", "create", "--label", LABEL + "=" + owner, volume)),
                "creating the router's volume " + volume);
        // as long as compose work may take: the image may be pulled first
        Result r = cli.run(cli.slow(List.of("docker", "run", "--detach", "--name", name,
                "--label", LABEL + "=" + owner, "--network", "host", "--restart", "unless-stopped",
                "--volume", configDir.toAbsolutePath() + ":" + mountedAt + ":ro", "--volume", volume + ":/data",
                image, "caddy", "run", "--config", configFile)));
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            remove(name);
            throw new PikoException("cannot start the router from image " + image + ":\n" + r.output().strip(),
                    "choose an image with caddy 2 that this machine has or can pull: piko router start --image <image>");
        }
    }

    public void remove(String name) {
        docker(List.of("docker", "rm", "--force", name));
    }

    public String logs(String name) {
        Result r = docker(List.of("docker", "logs", "--tail", "30", name));
        return r.output();
    }

    /**
     * Whether nothing listens on the port (tcp, on any address). Bound as Caddy binds, with
     * SO_REUSEADDR: connections of a router just stopped, waiting out their TIME_WAIT, do not hold
     * it. A port below 1024 that only root may bind counts as free: the router runs as root.
     */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (BindException e) {
            return e.getMessage() == null || !e.getMessage().contains("in use");
        } catch (IOException e) {
            return true;
        }
    }
}
