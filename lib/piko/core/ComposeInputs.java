package piko.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The files compose reads for a project besides its compose files themselves: files reached through
 * `include:` and `extends: file:`, the `.env` of the project directory, and every `env_file:`.
 * Read from the user's YAML (compose config resolves these away). Paths holding a `$` (compose
 * interpolates them) and files that cannot be parsed are skipped: the fingerprint then misses
 * them, which costs only a regeneration that `up` would otherwise have done.
 */
public final class ComposeInputs {
    private static final int MAX_FILES = 200;

    /** composeFiles: the compose file and the files it includes or extends; envFiles: the env files they name. */
    public record Found(Set<Path> composeFiles, Set<Path> envFiles, boolean complete) {
        public Found(Set<Path> composeFiles, Set<Path> envFiles) {
            this(composeFiles, envFiles, true);
        }

        public List<Path> all() {
            List<Path> all = new ArrayList<>(composeFiles);
            all.addAll(envFiles);
            return all;
        }
    }

    private final Set<Path> composeFiles = new LinkedHashSet<>();
    private final Set<Path> envFiles = new LinkedHashSet<>();
    /** Whether some file could not be known (a path compose interpolates, an unreadable file, too many files). */
    private boolean skipped;

    private ComposeInputs() {
    }

    /** projectDir: compose's project directory (the folder of the first file). */
    public static Found of(Path projectDir, List<Path> files) {
        ComposeInputs c = new ComposeInputs();
        c.envFiles.add(projectDir.resolve(".env").normalize());
        for (Path file : files) {
            c.walk(file.normalize(), projectDir);
        }
        return new Found(c.composeFiles, c.envFiles, !c.skipped);
    }

    public static Found of(ComposeFiles files) {
        return of(files.projectDirectory(), files.files());
    }

    private void walk(Path file, Path base) {
        if (!composeFiles.add(file) || !Files.isRegularFile(file)) {
            return;
        }
        if (composeFiles.size() > MAX_FILES) {
            skipped = true;
            return;
        }
        Map<String, Object> root = load(file);
        skipped |= root == UNREADABLE;
        Path dir = file.getParent();
        for (Object inc : list(root.get("include"))) {
            if (inc instanceof Map<?, ?> m) {
                Path incDir = resolve(dir, m.get("project_directory"));
                for (Object p : list(m.get("path"))) {
                    Path included = resolve(dir, p);
                    if (included != null) {
                        walk(included, incDir != null ? incDir : included.getParent());
                    }
                }
                for (Object e : list(m.get("env_file"))) {
                    add(envFiles, resolve(dir, e));
                }
            } else {
                Path included = resolve(dir, inc);
                if (included != null) {
                    walk(included, included.getParent());
                }
            }
        }
        for (Object s : map(root.get("services")).values()) {
            Map<String, Object> service = map(s);
            for (Object e : list(service.get("env_file"))) {
                add(envFiles, resolve(base, e instanceof Map<?, ?> m ? m.get("path") : e));
            }
            Path extended = resolve(dir, map(service.get("extends")).get("file"));
            if (extended != null) {
                walk(extended, extended.getParent());
            }
        }
    }

    private static final Map<String, Object> UNREADABLE = java.util.Collections.unmodifiableMap(new java.util.HashMap<>());

    private static Map<String, Object> load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        options.setCodePointLimit(4 * 1024 * 1024);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return map(new Yaml(options).load(r));
        } catch (IOException | RuntimeException unreadable) {
            return UNREADABLE;
        }
    }

    /** path(), noting a value that names a file piko cannot know. */
    private Path resolve(Path dir, Object value) {
        Path p = path(dir, value);
        skipped |= p == null && value instanceof String s && !s.isBlank();
        return p;
    }

    private static Path path(Path dir, Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.contains("$") || s.startsWith("~")) {
            return null;
        }
        try {
            return dir.resolve(s).normalize();
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    private static void add(Set<Path> to, Path p) {
        if (p != null) {
            to.add(p);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        if (o instanceof List<?> l) return new ArrayList<>(l);
        return o == null ? List.of() : List.of(o);
    }
}
