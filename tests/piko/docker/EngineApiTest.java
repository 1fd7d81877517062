package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Result;

/** Requests on a daemon's socket answered as the docker CLI's would be: its words on failure, the CLI when there is no socket. */
class EngineApiTest {
    @TempDir
    Path dir;

    /** A daemon that answers each connection with the next of its answers, and keeps what it was asked. */
    private static Thread daemon(ServerSocketChannel server, List<String> answers, List<String> asked) {
        Thread t = new Thread(() -> {
            for (String answer : answers) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(8192);
                    c.read(in);
                    asked.add(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.start();
        return t;
    }

    private static String json(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void answersAsTheCliWouldGiveThemAndEachRequestTraced() throws Exception {
        Path socket = dir.resolve("docker.sock");
        ProcessRunner runner = new ProcessRunner();
        StringWriter trace = new StringWriter();
        runner.traceTo(new PrintWriter(trace));
        EngineApi api = new EngineApi(socket, runner, new Daemon(runner), Duration.ofSeconds(30));
        List<String> asked = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread d = daemon(server, List.of(json(200, "[]"), json(404, "{\"message\":\"No such container: web\"}"),
                    json(403, "{\"message\":\"endpoint with name web already exists in network n\"}")), asked);
            Result ok = api.get("/containers/json", new java.util.TreeMap<>(Map.of("all", "1",
                    "filters", "{\"label\":[\"dev.piko.project=shop\"]}")));
            assertEquals(new Result(0, "[]", ""), ok);
            Result gone = api.get("/containers/web/json", Map.of());
            assertEquals(new Result(1, "", "Error response from daemon: No such container: web"), gone);
            assertTrue(DockerErrors.noSuchObject(gone));
            Result linked = api.post("/networks/n/connect", "{\"Container\":\"web\"}");
            assertTrue(DockerErrors.alreadyConnected(linked), linked.output());
            d.join();
        }
        assertEquals("GET /containers/json?all=1&filters=%7B%22label%22%3A%5B%22dev.piko.project%3Dshop%22%5D%7D HTTP/1.1",
                asked.get(0).lines().findFirst().orElseThrow());
        assertTrue(asked.get(2).endsWith("\r\n\r\n{\"Container\":\"web\"}"), asked.get(2));
        assertEquals(List.of("+ api GET /containers/json?all=1&filters={\"label\":[\"dev.piko.project=shop\"]}",
                "+ api GET /containers/web/json", "+ api POST /networks/n/connect {\"Container\":\"web\"}"),
                trace.toString().lines().toList());
        assertEquals(Map.of(), runner.spawnedCounts(), "no process");

        // the daemon went away after answering: its socket is gone, as the CLI says it
        Files.deleteIfExists(socket);
        Result down = api.get("/networks", Map.of());
        assertEquals("Cannot connect to the Docker daemon at unix://" + socket + ". Is the docker daemon running?", down.stderr());
        assertThrows(DockerErrors.DaemonNotRunning.class, () -> DockerErrors.requireReachable(down));
    }

    @Test
    void aSocketThatCannotBeReachedAtFirstSendsEveryReadToTheCli() {
        ProcessRunner runner = new ProcessRunner();
        EngineApi api = new EngineApi(dir.resolve("none.sock"), runner, new Daemon(runner), Duration.ofSeconds(30));
        assertTrue(api.usable());
        assertNull(api.get("/containers/json", Map.of()), "the CLI is asked, and says why in its own words");
        assertTrue(!api.usable());
        assertNull(api.post("/networks/n/connect", "{}"));
    }

    @Test
    void aRefusedDaemonFailsEveryLaterRequestAtOnce() {
        ProcessRunner runner = new ProcessRunner();
        runner.refuse("docker", new PikoException("the Docker daemon at unix:///x does not answer"));
        EngineApi api = new EngineApi(dir.resolve("none.sock"), runner, new Daemon(runner), Duration.ofSeconds(30));
        PikoException e = assertThrows(PikoException.class, () -> api.get("/networks", Map.of()));
        assertEquals("the Docker daemon at unix:///x does not answer", e.getMessage());
    }
}
