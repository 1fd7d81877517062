package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One router for the machine (a machine-wide record of this class's own, so its own container,
 * on free ports): hostnames of two environments and of a second project, over http and https
 * with the router's CA, following down, up, destroy, share; a taken port; stop frees the ports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouterIT extends DockerRequired {
    /** web serves its worktree's www/, which each branch commits with its own text. */
    static final String WEB = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                volumes: ["./www:/www:ro"]
                ports: ["8080"]
                stop_grace_period: 1s
            """;
    static final String IMAGE = "piko-test/caddy:1";
    static Path machineDir;
    static Map<String, String> machine;
    static int http;
    static int https;
    static int admin;
    static Path ca;
    static TestProject app;
    static TestProject blog;

    @BeforeAll
    static void routerOfItsOwn() throws IOException {
        machineDir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "piko-it", "router-" + UUID.randomUUID()));
        // subnets of a pool of its own: its own machine-wide record does not see other runs' networks
        machine = Map.of("PIKO_MACHINE_DB", machineDir.resolve("machine.db").toString(),
                "PIKO_SUBNET_POOL", "10." + (211 + new java.util.Random().nextInt(40)) + ".0.0/16");
        int[] ports = freePorts(3);
        http = ports[0];
        https = ports[1];
        admin = ports[2];
        app = withBranches(WEB, "b1", "b2");
        app.pikoYaml("router:\n  service: web\n");
        app.commit("main service");
        blog = withBranches(WEB, "x1");
    }

    /** A project whose main branch serves "main" and each named branch its own name. */
    static TestProject withBranches(String compose, String... branches) throws IOException {
        TestProject p = TestProject.withCompose(compose);
        p.write("www/index.html", "main\n");
        p.commit("content");
        for (String b : branches) {
            p.git("checkout", "-q", "-b", b);
            p.write("www/index.html", "content of " + b + "\n");
            p.commit(b);
            p.git("checkout", "-q", "main");
        }
        piko(p, "init").ok();
        return p;
    }

    @AfterAll
    static void removeItAll() throws IOException {
        if (app != null) piko(app, "router", "stop");
        for (Container c : DockerOracle.containers("dev.piko.router", machineDir.toString())) {
            TestProject.docker("rm", "-f", c.getId());
        }
        String volumes = TestProject.docker("volume", "ls", "-q", "--filter", "label=dev.piko.router=" + machineDir).out().strip();
        if (!volumes.isEmpty()) TestProject.docker("volume", "rm", volumes);
        if (app != null) app.close();
        if (blog != null) blog.close();
        try (Stream<Path> files = Files.walk(machineDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static Run piko(TestProject p, String... args) {
        return p.pikoAt(p.root, machine, args);
    }

    static int[] freePorts(int n) throws IOException {
        int[] out = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                out[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) s.close();
        }
        return out;
    }

    /** The body and status code of a GET of the hostname through the router, resolved to 127.0.0.1 as a browser does. */
    static String get(String host, boolean tls) {
        int port = tls ? https : http;
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "%{http_code}",
                "--resolve", host + ":" + port + ":127.0.0.1"));
        if (tls) cmd.addAll(List.of("--cacert", ca.toString()));
        cmd.add((tls ? "https://" : "http://") + host + ":" + port + "/");
        Run r = TestProject.exec(Path.of("/"), Map.of(), cmd);
        assertEquals(0, r.code(), r::describe);
        return r.out();
    }

    static String host(TestProject p, String env) {
        return "web." + env + "." + p.name + ".localhost";
    }

    @Test
    @Order(1)
    void twoEnvironmentsAnswerAtTheirHostnamesOverHttpAndHttps() throws IOException {
        Run start = piko(app, "router", "start", "--http-port", "" + http, "--https-port", "" + https, "--admin-port", "" + admin,
                "--image", IMAGE).ok();
        assertTrue(start.err().contains("serves http on port " + http), start.describe());
        List<Container> routers = DockerOracle.containers("dev.piko.router", machineDir.toString());
        assertEquals(1, routers.size());
        var inspect = DockerOracle.client().inspectContainerCmd(routers.get(0).getId()).exec();
        assertEquals("host", inspect.getHostConfig().getNetworkMode());
        assertEquals("unless-stopped", inspect.getHostConfig().getRestartPolicy().getName());
        assertTrue(inspect.getState().getRunning());

        piko(app, "create", "e1", "--branch", "b1").ok();
        piko(app, "create", "e2", "--branch", "b2").ok();
        ca = machineDir.resolve("ca.pem");
        Run caRun = piko(app, "router", "ca").ok();
        assertTrue(caRun.out().startsWith("-----BEGIN CERTIFICATE-----"), caRun.describe());
        Files.writeString(ca, caRun.out());
        for (boolean tls : List.of(false, true)) {
            assertEquals("content of b1\n200", get(host(app, "e1"), tls));
            assertEquals("content of b2\n200", get(host(app, "e2"), tls));
        }
        assertTrue(get("web.nowhere." + app.name + ".localhost", false).startsWith("no piko environment answers"));

        String url = "export PIKO_WEB_URL='http://" + host(app, "e1") + ":" + http + "'\n";
        for (int i = 0; i < 2; i++) {  // the whole command, then its kept answer
            Run env = piko(app, "env", "e1").ok();
            assertTrue(env.out().contains(url), env.describe());
        }
        Run json = piko(app, "status", "e1", "--json").ok();
        assertTrue(json.out().contains("\"url\": \"http://" + host(app, "e1") + ":" + http + "\""), json.describe());
        Run text = piko(app, "status", "e1").ok();
        assertTrue(text.out().contains("URL") && text.out().contains("http://" + host(app, "e1") + ":" + http), text.describe());
        // the router adds no process: list, status and env start none (list and status ask the daemon's socket)
        Map<String, String> traced = new HashMap<>(machine);
        traced.put("PIKO_TRACE_PROCESSES", "1");
        for (List<String> cmd : List.of(List.of("list", "--json"), List.of("status", "--json"), List.of("env", "e1", "--json"))) {
            Run r = app.pikoAt(app.root, traced, cmd.toArray(String[]::new)).ok();
            assertTrue(r.err().contains("piko: processes started: {}\n"), r.describe());
        }
        Run list = piko(app, "list").ok();
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("e2 ") && l.endsWith("http://" + host(app, "e2") + ":" + http)),
                list.describe());
        Run status = piko(app, "router", "status", "--json").ok();
        assertTrue(status.out().contains("\"status\": \"running\"") && status.out().contains("\"host\": \"" + host(app, "e2") + "\""),
                status.describe());
        assertEquals(start.code(), piko(app, "router", "start").ok().code(), "start again: idempotent");
        assertEquals(1, DockerOracle.containers("dev.piko.router", machineDir.toString()).size());
    }

    @Test
    @Order(2)
    void downUpAndDestroyChangeTheRoutesAndNeverServeAnotherEnvironment() throws Exception {
        String router = DockerOracle.containers("dev.piko.router", machineDir.toString()).get(0).getId();
        String startedAt = DockerOracle.client().inspectContainerCmd(router).exec().getState().getStartedAt();
        // requests to e2 all along, while e1's routes change: none dropped
        java.util.concurrent.atomic.AtomicBoolean changing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread client = new Thread(() -> {
            while (changing.get()) answers.add(get(host(app, "e2"), false));
        });
        client.start();
        piko(app, "down", "e1").ok();
        String stopped = get(host(app, "e1"), false);
        assertEquals("environment e1 of " + app.name + " is stopped; run: piko up e1\n503", stopped);
        assertEquals("content of b2\n200", get(host(app, "e2"), true), "the other environment keeps its route");
        piko(app, "up", "e1").ok();
        changing.set(false);
        client.join();
        assertTrue(answers.size() > 1 && answers.stream().allMatch("content of b2\n200"::equals), answers.toString());
        assertEquals(startedAt, DockerOracle.client().inspectContainerCmd(router).exec().getState().getStartedAt(),
                "the router was not restarted");
        assertEquals("content of b1\n200", get(host(app, "e1"), false));
        piko(app, "destroy", "e2").ok();
        String gone = get(host(app, "e2"), true);
        assertTrue(gone.startsWith("environment e2 of " + app.name + " was destroyed") && gone.endsWith("404"), gone);
        piko(app, "down", "--all").ok();
        assertTrue(get(host(app, "e1"), false).endsWith("503"), "down --all: the stopped page");
        piko(app, "up", "--all").ok();
        assertEquals("content of b1\n200", get(host(app, "e1"), false), "up --all: routed again");
    }

    @Test
    @Order(3)
    void aSecondProjectAndASharedServiceOnTheSameRouter() {
        piko(blog, "create", "x1", "--branch", "x1").ok();
        assertEquals("content of x1\n200", get(host(blog, "x1"), true));
        piko(blog, "share", "web").ok();
        assertEquals("main\n200", get("web.shared." + blog.name + ".localhost", false), "the shared instance runs from the root");
        assertEquals("content of b1\n200", get(host(app, "e1"), false));
        piko(blog, "down", "--shared").ok();
        assertTrue(get("web.shared." + blog.name + ".localhost", false).startsWith("the shared services of " + blog.name
                + " are stopped"));
        assertEquals(1, DockerOracle.containers("dev.piko.router", machineDir.toString()).size(), "one router for both");
    }

    @Test
    @Order(4)
    void aTakenPortIsAnErrorWithAHintAndTheRouterKeepsServing() throws IOException {
        try (ServerSocket taken = new ServerSocket(freePorts(1)[0])) {
            piko(app, "router", "start", "--http-port", "" + taken.getLocalPort()).fails("is taken")
                    .err().contains("hint: choose another: piko router start --http-port");
            assertTrue(piko(app, "router", "start", "--http-port", "" + taken.getLocalPort()).err()
                    .contains("hint: choose another: piko router start --http-port"));
        }
        assertEquals("content of b1\n200", get(host(app, "e1"), false));
        assertTrue(Files.readString(machineDir.resolve("router.properties")).contains("http-port=" + http + "\n"));
    }

    @Test
    @Order(5)
    void stopFreesThePortsAndStartUsesTheRememberedSettings() throws IOException {
        Run stop = piko(app, "router", "stop").ok();
        assertTrue(stop.err().contains("Stopped the router"), stop.describe());
        assertEquals(List.of(), DockerOracle.containers("dev.piko.router", machineDir.toString()));
        for (int port : new int[] {http, https, admin}) {
            try (ServerSocket s = new ServerSocket(port)) {
                assertEquals(port, s.getLocalPort());
            }
        }
        assertTrue(piko(app, "router", "stop").ok().err().contains("not running"), "stop again: idempotent");
        Run env = piko(app, "env", "e1").ok();
        assertFalse(env.out().contains("PIKO_WEB_URL"), "the kept answer went with the router\n" + env.describe());
        assertFalse(piko(app, "list").ok().out().contains("URL"));
        assertTrue(piko(app, "router", "status").ok().out().startsWith("router: stopped"));
        piko(app, "router", "start").ok();
        assertEquals("content of b1\n200", get(host(app, "e1"), false), "same ports, routes kept");
        piko(app, "router", "stop").ok();
    }
}
