package piko.router;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import piko.core.RouteTable;
import piko.error.PikoException;
import piko.model.Route;
import piko.text.JsonString;
import piko.text.TextFile;

/**
 * The routes of every piko project on the machine, one file per project and scope under
 * router/routes/<project>/<scope>.routes beside the machine-wide record, changed under one lock
 * file so that two piko processes never lose each other's routes; after each change a running
 * router gets the whole configuration again.
 */
public final class RouterFiles implements RouteTable {
    private static final String SUFFIX = ".routes";
    /** A file lock is held per process: threads of one process (piko-mcp) take turns here first. */
    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS = new java.util.concurrent.locks.ReentrantLock();
    private final Path machineDir;

    public RouterFiles(Path machineDir) {
        this.machineDir = machineDir;
    }

    /** The folder mounted read-only into the router, holding the configuration it starts with. */
    public Path configDir() {
        return machineDir.resolve("router").resolve("config");
    }

    public Path configFile() {
        return configDir().resolve("caddy.json");
    }

    private Path routesDir() {
        return machineDir.resolve("router").resolve("routes");
    }

    @Override
    public void replace(String project, String scope, List<Route> routes) {
        holding(() -> {
            Path file = routesDir().resolve(project).resolve(scope + SUFFIX);
            if (routes.isEmpty()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new PikoException("cannot remove " + file + ": " + e.getMessage());
                }
            } else {
                TextFile.write(file, format(routes));
            }
            RouterSettings s = RouterSettings.load(machineDir);
            if (s.running()) {
                new CaddyAdmin(s.adminPort()).load(writeConfig(s));
            }
            return null;
        });
    }

    @Override
    public List<Route> routes(String project, String scope) {
        return read(routesDir().resolve(project).resolve(scope + SUFFIX));
    }

    @Override
    public int httpPort() {
        RouterSettings s = RouterSettings.load(machineDir);
        return s.running() ? s.httpPort() : 0;
    }

    /** Writes the configuration the router starts with (and restarts with) from every route file; returns it. */
    public String writeConfig(RouterSettings s) {
        String json = CaddyConfig.of(s, all().values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream).toList());
        TextFile.write(configFile(), json);
        return json;
    }

    /** project -> scope -> routes, sorted. */
    public Map<String, Map<String, List<Route>>> all() {
        Map<String, Map<String, List<Route>>> out = new TreeMap<>();
        if (!Files.isDirectory(routesDir())) {
            return out;
        }
        try (Stream<Path> files = Files.walk(routesDir(), 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String scope = f.getFileName().toString();
                out.computeIfAbsent(f.getParent().getFileName().toString(), k -> new TreeMap<>())
                        .put(scope.substring(0, scope.length() - SUFFIX.length()), read(f));
            }
        } catch (IOException e) {
            throw new PikoException("cannot read the router's routes in " + routesDir() + ": " + e.getMessage());
        }
        return out;
    }

    /** Runs work holding the routes' lock, across piko processes. */
    public <T> T holding(Supplier<T> work) {
        Path lock = machineDir.resolve("router").resolve("routes.lock");
        IN_PROCESS.lock();
        if (IN_PROCESS.getHoldCount() > 1) {
            try {
                return work.get();
            } finally {
                IN_PROCESS.unlock();
            }
        }
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                return work.get();
            }
        } catch (IOException e) {
            throw new PikoException("cannot lock " + lock + ": " + e.getMessage(), "check that " + machineDir + " is writable");
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** One line per route: host, then its port, or `page`, its status and its text as a JSON string. */
    static String format(List<Route> routes) {
        StringBuilder b = new StringBuilder();
        for (Route r : routes) {
            b.append(r.host()).append('\t');
            b.append(r.proxies() ? String.valueOf(r.port()) : "page\t" + r.status() + "\t" + JsonString.quote(r.page()));
            b.append('\n');
        }
        return b.toString();
    }

    static List<Route> parse(String text) {
        List<Route> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", 4);
            if (f.length == 2) {
                out.add(Route.proxy(f[0], Integer.parseInt(f[1])));
            } else if (f.length == 4 && f[1].equals("page")) {
                out.add(Route.page(f[0], Integer.parseInt(f[2]), JsonText.unquote(f[3], 0)));
            }
        }
        return out;
    }

    private static List<Route> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            throw new PikoException("cannot read the router's routes in " + file + ": " + e.getMessage());
        }
    }
}
