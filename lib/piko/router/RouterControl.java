package piko.router;

import piko.error.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import piko.core.Reporter;
import piko.error.PikoException;
import piko.model.Route;

/**
 * `piko router start|stop|status|ca`: one router container per machine (per machine-wide record),
 * labelled as piko's, serving every project's hostnames from the route files.
 */
public final class RouterControl {
    /** The container, behind the docker room. */
    public interface Engine {
        /** Docker's state of the container ("running", "restarting", "exited", ...), or null when there is none. */
        String state(String container);

        /** The value of piko's router label on the container, or null when it has none. */
        String owner(String container);

        /** Starts it: host network, restarted unless stopped, the config folder read-only, the data volume for the CA. */
        void run(String container, String image, String owner, Path configDir, String mountedAt, String configFile, String volume);

        void remove(String container);

        /** Its last lines of log. */
        String logs(String container);

        /** Whether nothing holds the port on this machine now. */
        boolean portFree(int port);
    }

    public record Status(String state, String container, String volume, RouterSettings settings,
                         Map<String, Map<String, List<Route>>> routes) {
    }

    static final String CONFIG_IN_CONTAINER = "/etc/piko-router";
    private static final long READY_MS = 20_000;
    private final Path machineDir;
    private final String container;
    private final Engine engine;
    private final RouterFiles files;
    private final Reporter out;

    public RouterControl(Path machineDir, boolean defaultRecord, Engine engine, Reporter out) {
        this.machineDir = machineDir;
        this.container = RouterSettings.containerName(machineDir, defaultRecord);
        this.engine = engine;
        this.files = new RouterFiles(machineDir);
        this.out = out;
    }

    private String owner() {
        return machineDir.toAbsolutePath().normalize().toString();
    }

    private String volume() {
        return container + "-data";
    }

    /** Starts the router with the remembered settings changed by the options given (null: keep); idempotent. */
    public RouterSettings start(Integer http, Integer https, Integer admin, String image) {
        RouterSettings before = RouterSettings.load(machineDir);
        RouterSettings want = before.with(http, https, admin, image).running(true);
        return files.holding(() -> {
            String state = requireOurs(engine.state(container));
            if ("running".equals(state) && want.equals(before) && new CaddyAdmin(want.adminPort()).answers()) {
                new CaddyAdmin(want.adminPort()).load(files.writeConfig(want));
                out.info("The router is already running (" + container + ")");
                return want;
            }
            // checked before the running router is replaced, which holds its own ports: a taken one leaves it serving
            RouterSettings held = state == null ? null : before;
            requireFree(want.httpPort(), held, "http", "--http-port", 8080);
            requireFree(want.httpsPort(), held, "https", "--https-port", 8443);
            requireFree(want.adminPort(), held, "admin", "--admin-port", 2020);
            if (state != null) {
                engine.remove(container);
                before.running(false).save(machineDir);
            }
            files.writeConfig(want);
            engine.run(container, want.image(), owner(), files.configDir(), CONFIG_IN_CONTAINER,
                    CONFIG_IN_CONTAINER + "/" + files.configFile().getFileName(), volume());
            awaitReady(want);
            want.save(machineDir);
            out.done("Router " + container + " serves http on port " + want.httpPort() + " and https on port "
                    + want.httpsPort() + " (" + want.image() + ")");
            return want;
        });
    }

    /** Stops and removes the container (its CA stays in its volume); idempotent. */
    public void stop() {
        files.holding(() -> {
            RouterSettings s = RouterSettings.load(machineDir);
            String state = requireOurs(engine.state(container));
            if (state != null) {
                engine.remove(container);
            }
            s.running(false).save(machineDir);
            if (state == null) {
                out.info("The router is not running");
            } else {
                out.done("Stopped the router " + container + " (its CA is kept in volume " + volume() + ")");
            }
            return null;
        });
    }

    public Status status() {
        RouterSettings s = RouterSettings.load(machineDir);
        String state = engine.state(container);
        return new Status(state == null ? "stopped" : state, container, volume(), s, files.all());
    }

    /** The PEM of the router's root certificate. */
    public String ca() {
        RouterSettings s = RouterSettings.load(machineDir);
        if (!"running".equals(engine.state(container))) {
            throw new PikoException("the router is not running", "start it with: piko router start", ExitCode.FAILURE);
        }
        return new CaddyAdmin(s.adminPort()).rootCertificate();
    }

    private String requireOurs(String state) {
        if (state != null && !owner().equals(engine.owner(container))) {
            throw new PikoException("a container named " + container + " exists that piko's router did not make",
                    "rename or remove it (docker rm -f " + container + "), then run piko router start again");
        }
        return state;
    }

    private void requireFree(int port, RouterSettings held, String what, String option, int example) {
        boolean ours = held != null && (port == held.httpPort() || port == held.httpsPort() || port == held.adminPort());
        if (!ours && !engine.portFree(port)) {
            throw new PikoException("port " + port + " (the router's " + what + " port) is taken on this machine",
                    "choose another: piko router start " + option + " " + (port == example ? example + 1 : example));
        }
    }

    /** Waits until the admin API answers; a router that does not come up is removed again, with its log in the error. */
    private void awaitReady(RouterSettings s) {
        CaddyAdmin admin = new CaddyAdmin(s.adminPort());
        long deadline = System.currentTimeMillis() + READY_MS;
        String state = "created";
        while (System.currentTimeMillis() < deadline) {
            if (admin.answers()) {
                return;
            }
            state = engine.state(container);
            if (state != null && !state.equals("running") && !state.equals("created")) {
                break;
            }
            sleep();
        }
        String log = engine.logs(container);
        engine.remove(container);
        if (log.contains("address already in use")) {
            throw new PikoException("a port of the router is taken on this machine:\n" + log.strip(),
                    "choose others: piko router start --http-port 8080 --https-port 8443");
        }
        throw new PikoException("the router did not start (" + (state == null ? "gone" : state) + "); its log:\n" + log.strip(),
                "check the image (--image " + s.image() + ") and the log above");
    }

    private static void sleep() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while waiting for the router to start");
        }
    }
}
