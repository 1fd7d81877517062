package piko.docker;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The daemon's `/_ping` asked straight on its local socket, so checking that it answers starts no
 * process. Only where docker itself would use a local socket without a context to read (DOCKER_HOST
 * unix://..., or neither DOCKER_HOST, DOCKER_CONTEXT nor a current context in docker's config);
 * elsewhere, and when the socket cannot be reached at all, the caller asks `docker version`,
 * whose own words then name the problem.
 */
final class SocketPing {
    enum Answer { OK, NO_ANSWER, UNREACHABLE }

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private SocketPing() {
    }

    /** The local socket docker talks to, or null when the docker CLI would read a context or use TCP/ssh. */
    static Path socket(Map<String, String> env, Path home) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return host.startsWith("unix://") ? Path.of(host.substring("unix://".length())) : null;
        }
        String context = env.get("DOCKER_CONTEXT");
        if (context != null && !context.isBlank()) {
            return null;
        }
        String dir = env.get("DOCKER_CONFIG");
        Path config = (dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker")).resolve("config.json");
        try {
            if (Files.exists(config) && Files.readString(config).contains("\"currentContext\"")
                    && !Files.readString(config).replaceAll("\\s", "").contains("\"currentContext\":\"default\"")) {
                return null;
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        return DEFAULT_SOCKET;
    }

    /** GET /_ping on the socket: OK on HTTP 200 within the time, NO_ANSWER when none came, UNREACHABLE when it cannot connect. */
    static Answer ask(Path socket, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return Answer.UNREACHABLE;
        }
        try (channel; Selector selector = Selector.open()) {
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (buffer.hasRemaining()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
                    return Answer.NO_ANSWER;
                }
                selector.selectedKeys().clear();
                if (channel.read(buffer) < 0) {
                    break;
                }
                String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                if (head.contains("\r\n")) {
                    return head.matches("(?s)HTTP/1\\.[01] 200 .*") ? Answer.OK : Answer.UNREACHABLE;
                }
            }
            return Answer.UNREACHABLE;
        } catch (IOException e) {
            return Answer.UNREACHABLE;
        }
    }
}
