package piko.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A copy of this repository's files (tracked, and new ones not ignored: what a push would
 * publish) served over HTTP on 127.0.0.1, the way a Git host serves a published catalog.
 */
final class CatalogServer implements AutoCloseable {
    private final HttpServer server;
    final Path root;

    private CatalogServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    static CatalogServer serve(Path repo, Path copy) throws IOException {
        String files = TestProject.exec(repo, Map.of(),
                List.of("git", "ls-files", "--cached", "--others", "--exclude-standard")).out();
        for (String f : files.lines().toList()) {
            Path source = repo.resolve(f);
            if (Files.isRegularFile(source)) {
                Files.createDirectories(copy.resolve(f).getParent());
                Files.copy(source, copy.resolve(f));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Path root = copy.toAbsolutePath().normalize();
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean found = file.startsWith(root) && Files.isRegularFile(file) && exchange.getRequestMethod().equals("GET");
            byte[] body = found ? Files.readAllBytes(file) : "not found\n".getBytes();
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new CatalogServer(server, root);
    }

    String catalogUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jbang-catalog.json";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
