package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/1.1 on a unix socket: a request as the daemon reads it, each way a body is framed, and a daemon that never answers. */
class UnixHttpTest {
    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestCarriesItsTargetHostAndJsonBody() {
        assertEquals("GET /containers/json?all=1 HTTP/1.1\r\nHost: docker\r\nUser-Agent: piko\r\nConnection: close\r\n\r\n",
                new String(UnixHttp.request("GET", "/containers/json?all=1", null), StandardCharsets.UTF_8));
        assertEquals("POST /networks/n/connect HTTP/1.1\r\nHost: docker\r\nUser-Agent: piko\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"Container\":\"\u00e9\"}",
                new String(UnixHttp.request("POST", "/networks/n/connect", "{\"Container\":\"\u00e9\"}"), StandardCharsets.UTF_8),
                "the length counts bytes, not characters");
    }

    @Test
    void bodiesFramedByLengthByChunksOrByTheEndOfTheConnection() throws IOException {
        UnixHttp.Response sized = UnixHttp.parse(ascii("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                + "Content-Length: 39\r\n\r\n{\"message\":\"No such container: nosuch\"}\n"), false);
        assertEquals(404, sized.status());
        assertEquals("{\"message\":\"No such container: nosuch\"}", sized.body(), "no more than Content-Length");
        assertEquals("application/json", sized.headers().get("content-type"));
        assertNull(UnixHttp.parse(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n[1,2"), false), "not all of it yet");
        assertNull(UnixHttp.parse(ascii("HTTP/1.1 200 OK\r\nContent-Len"), false), "not even the head");

        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[{\"a\"\r\n9;ext=1\r\n:\"\u00e9\r\n\"}]\r\n0\r\n\r\n";
        UnixHttp.Response r = UnixHttp.parse(ascii(chunked), false);
        assertEquals("[{\"a\":\"\u00e9\r\n\"}]", r.body(), "chunk sizes count bytes; a CRLF inside a chunk is data");
        assertTrue(r.ok());
        assertNull(UnixHttp.parse(ascii(chunked.substring(0, chunked.length() - 5)), false), "no last chunk yet");

        assertNull(UnixHttp.parse(ascii("HTTP/1.0 200 OK\r\n\r\n{\"a\":1}"), false), "framed by the close: not yet closed");
        assertEquals("{\"a\":1}", UnixHttp.parse(ascii("HTTP/1.0 200 OK\r\n\r\n{\"a\":1}"), true).body());
        assertEquals("", UnixHttp.parse(ascii("HTTP/1.1 204 No Content\r\n\r\n"), false).body());
        assertThrows(IOException.class, () -> UnixHttp.parse(ascii("SSH-2.0-OpenSSH\r\n\r\n"), true));
    }

    /** A daemon on a socket that answers each connection with the given bytes, in two writes. */
    private Thread daemon(ServerSocketChannel server, String answer, AtomicReference<String> asked) {
        Thread t = new Thread(() -> {
            try (SocketChannel c = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                c.read(in);
                asked.set(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                byte[] bytes = ascii(answer);
                c.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2));
                c.write(ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
            } catch (IOException e) {
                // the test fails on the answer
            }
        });
        t.start();
        return t;
    }

    @Test
    void anExchangeOnARealSocketAndADaemonThatNeverAnswers() throws Exception {
        Path socket = dir.resolve("d.sock");
        UnixHttp.Patience never = new UnixHttp.Patience() {
            public long waitNanos() {
                return 10_000_000_000L;
            }

            public void silent() {
                throw new IllegalStateException("no silence expected");
            }
        };
        assertThrows(UnixHttp.Unreachable.class, () -> UnixHttp.exchange(socket, "GET", "/_ping", null, never));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            AtomicReference<String> asked = new AtomicReference<>();
            Thread d = daemon(server, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n", asked);
            UnixHttp.Response r = UnixHttp.exchange(socket, "GET", "/networks", null, never);
            d.join();
            assertEquals("[]", r.body());
            assertTrue(asked.get().startsWith("GET /networks HTTP/1.1\r\n"), asked.get());

            // accepted by the backlog, never answered: the caller is asked after each wait and gives up
            AtomicInteger silences = new AtomicInteger();
            UnixHttp.Patience twice = new UnixHttp.Patience() {
                public long waitNanos() {
                    return 50_000_000L;
                }

                public void silent() {
                    if (silences.incrementAndGet() == 2) {
                        throw new IllegalStateException("gave up");
                    }
                }
            };
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> UnixHttp.exchange(socket, "GET", "/containers/json", null, twice));
            assertEquals("gave up", e.getMessage());
            assertEquals(2, silences.get());
        }
    }

    @Test
    void aLargeChunkedAnswerArrivesWhole() throws Exception {
        Path socket = dir.resolve("big.sock");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 40_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Name\":\"piko-shop-e").append(i).append("\"}");
        }
        String json = body.append(']').toString();
        StringBuilder wire = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int at = 0; at < json.length(); at += 4000) {
            String chunk = json.substring(at, Math.min(json.length(), at + 4000));
            wire.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        wire.append("0\r\n\r\n");
        UnixHttp.Patience patient = new UnixHttp.Patience() {
            public long waitNanos() {
                return 10_000_000_000L;
            }

            public void silent() {
                throw new IllegalStateException("no silence expected");
            }
        };
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread d = daemon(server, wire.toString(), new AtomicReference<>());
            UnixHttp.Response r = UnixHttp.exchange(socket, "GET", "/networks", null, patient);
            d.join();
            assertTrue(json.length() > 1_000_000, "more than one parse's worth");
            assertEquals(json, r.body());
            assertEquals(40_000, ((java.util.List<?>) JsonReader.parse(r.body())).size());
        }
    }
}
