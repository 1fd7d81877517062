package piko.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import piko.core.ComposeInputs;
import piko.exec.ProcessRunner.Call;

/**
 * Compose's answers that only their inputs decide, kept between commands in piko's cache folder:
 * its version, keyed by the docker binary and every compose plugin docker may run; and a project's
 * model, keyed by that too, the call, the environment compose interpolates from, and the content
 * of every file compose reads for it (ComposeInputs). Any change is another key, so compose is
 * asked again; a project whose files cannot all be known (an interpolated path) is never kept.
 * Files are the user's alone (a model holds the values of its variables).
 */
final class ComposeCache {
    private static final String FORMAT = "1";
    /** Variables a shell changes on its own, which no compose file reads in practice. */
    private static final List<String> VOLATILE = List.of("_", "OLDPWD", "SHLVL");

    private final Path dir;
    private final Map<String, String> env;
    private String compose;

    /** dir: where answers are kept (null: nowhere); env: the environment compose sees. */
    ComposeCache(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /** Nothing kept (a runner that plays Docker in a test). */
    static ComposeCache none() {
        return new ComposeCache(null, Map.of());
    }

    /** The cache in piko's cache folder (the unit tests' own through piko.cache.dir, else XDG's or ~/.cache). */
    static ComposeCache ofUser() {
        String forTests = System.getProperty("piko.cache.dir");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = forTests != null && !forTests.isBlank() ? Path.of(forTests)
                : (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("piko");
        return new ComposeCache(root.resolve("compose"), System.getenv());
    }

    /** compose's version, from the cache when docker and its plugins are the same files as when it was asked. */
    String version(Supplier<String> ask) {
        String key = composeIdentity();
        String slot = key == null ? null : digest(List.of(key));
        // one file per docker setup: commands with another DOCKER_HOST or plugin never evict each other's
        return kept(slot == null ? null : "version-" + slot.substring(0, 32), slot, ask);
    }

    /** A project's model as JSON (ask: compose config), from the cache when nothing it depends on changed. */
    String model(Call call, Path projectDir, List<Path> files, Supplier<String> ask) {
        String identity = composeIdentity();
        ComposeInputs.Found inputs = projectDir == null ? null : ComposeInputs.of(projectDir, files);
        if (identity == null || inputs == null || !inputs.complete()) {
            return kept(null, null, ask);
        }
        List<String> parts = new ArrayList<>(List.of(identity, call.command().toString(), String.valueOf(call.directory()),
                new TreeMap<>(call.environment()).toString()));
        TreeMap<String, String> interpolated = new TreeMap<>(env);
        VOLATILE.forEach(interpolated::remove);
        parts.add(interpolated.toString());
        List<Path> read = new ArrayList<>(files);
        read.addAll(inputs.all());
        for (Path f : read) {
            parts.add(f + "=" + content(f));
        }
        String slot = digest(List.of(call.command().toString(), String.valueOf(call.directory())));
        return kept("model-" + slot.substring(0, 32), digest(parts), ask);
    }

    /** The answer kept in file name under key; else asks, and keeps the answer (null name or key: asks only). */
    private String kept(String name, String key, Supplier<String> ask) {
        if (dir == null || name == null || key == null) {
            return ask.get();
        }
        Path file = dir.resolve(name);
        try {
            String text = Files.readString(file);
            int nl = text.indexOf('\n');
            if (nl > 0 && text.substring(0, nl).equals(key)) {
                return text.substring(nl + 1);
            }
        } catch (IOException | RuntimeException notKept) {
            // asked below
        }
        String answer = ask.get();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, key + "\n" + answer);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException cannotKeep) {
            // the next command asks compose again
        }
        return answer;
    }

    /**
     * The docker binary on PATH and every compose plugin docker may run (its config folder's and the
     * system's), each by path, size and time; null when there is none of them, or docker's config
     * names more plugin folders.
     */
    private String composeIdentity() {
        if (compose != null) {
            return compose.isEmpty() ? null : compose;
        }
        List<String> parts = new ArrayList<>();
        String config = env.get("DOCKER_CONFIG");
        Path configDir = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".docker");
        String configJson = content(configDir.resolve("config.json"));
        boolean found = false;
        if (!configJson.contains("cliPluginsExtraDirs")) {
            parts.add(configJson);
            env.forEach((k, v) -> {
                if (k.startsWith("DOCKER_")) parts.add(k + "=" + v);
            });
            parts.add(fileIdentity(onPath("docker")));
            List<Path> plugins = new ArrayList<>(List.of(configDir.resolve("cli-plugins/docker-compose")));
            ComposePlugin.DIRS.forEach(d -> plugins.add(Path.of(d, "docker-compose")));
            for (Path p : plugins) {
                String id = fileIdentity(p);
                parts.add(id);
                found |= !id.isEmpty();
            }
        }
        compose = found ? digest(parts) : "";
        return found ? compose : null;
    }

    private Path onPath(String program) {
        for (String d : env.getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Path.of(d, program);
            }
        }
        return null;
    }

    private static String fileIdentity(Path p) {
        try {
            if (p == null || !Files.isRegularFile(p)) {
                return "";
            }
            Path real = p.toRealPath();
            return real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String content(Path f) {
        try {
            return Files.isRegularFile(f) ? new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1) : "(none)";
        } catch (IOException | RuntimeException e) {
            return "(unreadable)";
        }
    }

    private static String digest(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return FORMAT + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
