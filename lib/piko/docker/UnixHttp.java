package piko.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request on a local unix socket and its response (status line, headers, and a body
 * framed by Content-Length, chunked, or the end of the connection), read without blocking so that
 * the caller is asked, between waits, whether to keep waiting (a daemon that accepts and never answers).
 */
final class UnixHttp {
    record Response(int status, Map<String, String> headers, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The socket could not be connected to (no such file, refused, no permission). */
    static final class Unreachable extends IOException {
        Unreachable(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** How long to wait for the next bytes, and what to do when none came in that time (throw to give up). */
    interface Patience {
        long waitNanos();

        void silent();
    }

    private UnixHttp() {
    }

    static Response exchange(Path socket, String method, String target, String jsonBody, Patience patience) throws IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            throw new Unreachable(e);
        }
        try (channel; Selector selector = Selector.open()) {
            channel.write(ByteBuffer.wrap(request(method, target, jsonBody)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long nextParse = 0;  // a large answer is parsed again only once it doubled (or ended): linear, not quadratic
            while (true) {
                long wait = Math.max(1, patience.waitNanos() / 1_000_000);
                int ready = selector.select(wait);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for the Docker daemon");
                }
                if (ready == 0) {
                    patience.silent();
                    continue;
                }
                selector.selectedKeys().clear();
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    received.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                if (n < 0 || received.size() >= nextParse) {
                    nextParse = received.size() < (1 << 20) ? 0 : received.size() * 2L;
                    Response done = parse(received.toByteArray(), n < 0);
                    if (done != null) {
                        return done;
                    }
                }
                if (n < 0) {
                    throw new IOException("the Docker daemon closed the connection before its answer was complete");
                }
            }
        }
    }

    static byte[] request(String method, String target, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: piko\r\nConnection: close\r\n"
                + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** The response in these bytes; null while it is not complete (closed: the connection ended after them). */
    static Response parse(byte[] raw, boolean closed) throws IOException {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            return null;
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP answer: " + lines[0]);
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        int code = Integer.parseInt(status[1]);
        int start = headEnd + 4;
        byte[] body;
        if (code == 204 || code == 304 || code / 100 == 1) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunked(raw, start);
            if (body == null) {
                return null;
            }
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").strip());
            if (raw.length - start < length) {
                return null;
            }
            body = java.util.Arrays.copyOfRange(raw, start, start + length);
        } else if (closed) {
            body = java.util.Arrays.copyOfRange(raw, start, raw.length);
        } else {
            return null;
        }
        return new Response(code, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** A chunked body from start on; null until its last (empty) chunk has come. */
    static byte[] dechunked(byte[] raw, int start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = start;
        while (true) {
            int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                return null;
            }
            String size = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = size.indexOf(';');  // chunk extensions are ignored
            int length;
            try {
                length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("a chunk size that is not one: " + size);
            }
            at = lineEnd + 2;
            if (length == 0) {
                return out.toByteArray();  // trailers, if any, are not needed
            }
            if (raw.length < at + length + 2) {
                return null;
            }
            out.write(raw, at, length);
            at += length + 2;
        }
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
