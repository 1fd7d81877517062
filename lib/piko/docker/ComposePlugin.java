package piko.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * `docker compose ...` run as the compose plugin itself (`docker-compose ...`, compose's standalone
 * form of the same command): the docker CLI in between starts, reads its configuration and runs
 * the plugin once more for its metadata before it runs it, about 90 ms of each compose call. Only
 * where docker would run that very plugin against the local daemon: the docker on PATH is a
 * program (a script there, a wrapper or a test's shim, is run as it is), no context and no
 * DOCKER_HOST but a unix socket, no extra plugin folders in its configuration; the plugin is the
 * first docker looks at (the user's folder, then the system's, in docker's order).
 */
final class ComposePlugin {
    static final List<String> DIRS = List.of("/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins",
            "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins");

    private ComposePlugin() {
    }

    /** The plugin to run `docker compose` as, if it can stand for it here. */
    static Optional<Path> find(Map<String, String> env, Path home) {
        if (SocketPing.socket(env, home) == null || !isProgram(onPath(env, "docker"))) {
            return Optional.empty();
        }
        String config = env.get("DOCKER_CONFIG");
        Path configDir = config != null && !config.isBlank() ? Path.of(config) : home.resolve(".docker");
        try {
            Path json = configDir.resolve("config.json");
            if (Files.exists(json) && Files.readString(json).contains("cliPluginsExtraDirs")) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>(List.of(configDir.resolve("cli-plugins/docker-compose")));
        DIRS.forEach(d -> candidates.add(Path.of(d, "docker-compose")));
        return candidates.stream().filter(ComposePlugin::isProgram).findFirst();
    }

    /** Runs ["docker", "compose", args...] as [plugin, args...]; every other command as it is. */
    static UnaryOperator<List<String>> launcher(Path plugin) {
        return command -> {
            if (command.size() < 2 || !command.get(0).equals("docker") || !command.get(1).equals("compose")) {
                return command;
            }
            List<String> direct = new ArrayList<>(List.of(plugin.toString()));
            direct.addAll(command.subList(2, command.size()));
            return direct;
        };
    }

    /** An executable file that starts as a compiled program does (ELF, Mach-O), not as a script. */
    static boolean isProgram(Path file) {
        if (file == null || !Files.isRegularFile(file) || !Files.isExecutable(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return Arrays.equals(head, new byte[] {0x7f, 'E', 'L', 'F'}) || (head.length == 4
                    && ((head[0] & 0xff) == 0xcf || (head[0] & 0xff) == 0xce || (head[0] & 0xff) == 0xca) && (head[1] & 0xff) == 0xfa);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path onPath(Map<String, String> env, String program) {
        for (String d : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Path.of(d, program);
            }
        }
        return null;
    }
}
