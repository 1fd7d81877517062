package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon pinged on its local socket: where docker itself would talk to one, and what its answer means. */
class SocketPingTest {
    @TempDir
    Path dir;

    @Test
    void theSocketIsDockersOwnChoiceOrNone() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        assertEquals(Path.of("/var/run/docker.sock"), SocketPing.socket(Map.of(), home));
        assertEquals(Path.of("/run/user/1000/docker.sock"), SocketPing.socket(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock"), home));
        assertNull(SocketPing.socket(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"), home));
        assertNull(SocketPing.socket(Map.of("DOCKER_CONTEXT", "remote"), home));
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\": \"desktop-linux\"}");
        assertNull(SocketPing.socket(Map.of(), home), "a context docker reads: docker version is asked instead");
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\": \"default\"}");
        assertEquals(Path.of("/var/run/docker.sock"), SocketPing.socket(Map.of(), home));
    }

    @Test
    void anAnswerASilenceAndNoSocketAreTold() throws Exception {
        Path socket = dir.resolve("d.sock");
        assertEquals(SocketPing.Answer.UNREACHABLE, SocketPing.ask(socket, Duration.ofSeconds(1)));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            // nothing accepts or answers: the backlog takes the connection, as a wedged daemon's does
            assertEquals(SocketPing.Answer.NO_ANSWER, SocketPing.ask(socket, Duration.ofMillis(300)));
        }
        Path answering = dir.resolve("a.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(answering));
            Thread daemon = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(512));
                    c.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII)));
                } catch (Exception e) {
                    // the test fails on the answer
                }
            });
            daemon.start();
            assertEquals(SocketPing.Answer.OK, SocketPing.ask(answering, Duration.ofSeconds(10)));
            daemon.join();
        }
    }
}
