package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import piko.config.DotEnv;
import piko.error.PikoException;
import piko.model.ComposeModel;

/**
 * The files `docker compose` loads in a folder and the COMPOSE_* settings it runs with there:
 * piko.yaml's `compose:` list when set, else COMPOSE_FILE (split on COMPOSE_PATH_SEPARATOR, `:` by
 * default), else the first of compose's file names with the first of its override names. Settings
 * come from the folder's `.env` and the environment, the environment winning, as in compose.
 *
 * @param dir      the folder compose runs in (the project root, or a worktree)
 * @param files    absolute, in compose's order
 * @param settings the COMPOSE_* variables in effect
 * @param origin   where the list came from: "piko.yaml", "COMPOSE_FILE" or "default"
 */
public record ComposeFiles(Path dir, List<Path> files, Map<String, String> settings, String origin) {
    /** The names compose looks for, in its order of preference. */
    public static final List<String> DEFAULT_NAMES = List.of(
            "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** The override files compose adds to a default file, in its order of preference. */
    public static final List<String> OVERRIDE_NAMES = List.of(
            "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml");

    /** configured: piko.yaml's `compose:` list (empty: none); env: the process environment. */
    public static ComposeFiles in(Path dir, List<String> configured, Map<String, String> env) {
        Map<String, String> settings = settings(dir, env);
        List<Path> files = new ArrayList<>();
        String origin;
        if (!configured.isEmpty()) {
            configured.forEach(f -> files.add(dir.resolve(f).normalize()));
            origin = "piko.yaml";
        } else if (!settings.getOrDefault("COMPOSE_FILE", "").isBlank()) {
            String separator = settings.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
            for (String f : settings.get("COMPOSE_FILE").split(java.util.regex.Pattern.quote(separator.isEmpty() ? ":" : separator))) {
                if (!f.isBlank()) files.add(dir.resolve(f.strip()).normalize());
            }
            origin = "COMPOSE_FILE";
        } else {
            first(dir, DEFAULT_NAMES).ifPresent(files::add);
            if (!files.isEmpty()) first(dir, OVERRIDE_NAMES).ifPresent(files::add);
            origin = "default";
        }
        Path projectDir = files.isEmpty() ? dir : files.get(0).getParent();
        if (!projectDir.equals(dir)) {
            settings = settings(projectDir, env);  // compose reads the .env of the first file's folder then
        }
        return new ComposeFiles(dir, List.copyOf(files), Map.copyOf(settings), origin);
    }

    private static Map<String, String> settings(Path dir, Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        DotEnv.read(dir.resolve(".env")).forEach((k, v) -> {
            if (k.startsWith("COMPOSE_")) settings.put(k, v);
        });
        env.forEach((k, v) -> {
            if (k.startsWith("COMPOSE_")) settings.put(k, v);
        });
        return settings;
    }

    private static java.util.Optional<Path> first(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** Compose's project directory: the folder of the first file. */
    public Path projectDirectory() {
        return files.isEmpty() ? dir : files.get(0).getParent();
    }

    /** The files relative to the folder, for messages. */
    public List<String> names() {
        return files.stream().map(f -> f.startsWith(dir) ? dir.relativize(f).toString() : f.toString()).toList();
    }

    /** The files as one phrase: "compose.yaml, compose.override.yaml". */
    public String describe() {
        return String.join(", ", names());
    }

    /** The profiles COMPOSE_PROFILES activates. */
    public List<String> profiles() {
        return ComposeModel.profilesFrom(settings.get("COMPOSE_PROFILES"));
    }

    /** The files that are not there, relative to the folder. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (!Files.isRegularFile(files.get(i))) out.add(names().get(i));
        }
        return out;
    }

    /** Fails unless there is at least one file and every one of them exists. */
    public ComposeFiles requireExisting(String where, String hint) {
        if (files.isEmpty()) {
            throw new PikoException("no compose file in " + where + " (looked for " + String.join(", ", DEFAULT_NAMES) + ")",
                    "add one, or name it with 'compose:' in piko.yaml");
        }
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new PikoException("the compose file" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (origin.equals("default") ? "" : " named in " + (origin.equals("piko.yaml") ? "piko.yaml" : "COMPOSE_FILE"))
                    + (missing.size() == 1 ? " is" : " are") + " not in " + where, hint);
        }
        return this;
    }
}
