package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When `docker compose` runs as its plugin directly, and how its command line reads then. */
class ComposePluginTest {
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};

    @Test
    void composeCommandsRunAsThePluginAndEveryOtherCommandAsItIs() {
        var launch = ComposePlugin.launcher(Path.of("/p/docker-compose"));
        assertEquals(List.of("/p/docker-compose", "-p", "x", "up", "-d"), launch.apply(List.of("docker", "compose", "-p", "x", "up", "-d")));
        assertEquals(List.of("docker", "ps"), launch.apply(List.of("docker", "ps")));
        assertEquals(List.of("git", "compose"), launch.apply(List.of("git", "compose")));
        assertEquals(List.of("docker"), launch.apply(List.of("docker")));
    }

    @Test
    void thePluginDockerWouldRunFirstTheUsersThenTheSystems(@TempDir Path home) throws Exception {
        Path bin = program(home.resolve("bin/docker"), ELF);
        Path users = program(home.resolve(".docker/cli-plugins/docker-compose"), ELF);
        Map<String, String> env = Map.of("PATH", bin.getParent().toString());
        assertEquals(users, ComposePlugin.find(env, home).orElseThrow());
        Files.delete(users);
        // without the user's, one of docker's system folders or none (this machine's)
        ComposePlugin.find(env, home).ifPresent(p -> assertTrue(ComposePlugin.DIRS.contains(p.getParent().toString()), p.toString()));
    }

    @Test
    void notWhereDockerWouldDoOtherwise(@TempDir Path home) throws Exception {
        Path bin = program(home.resolve("bin/docker"), ELF);
        program(home.resolve(".docker/cli-plugins/docker-compose"), ELF);
        String path = bin.getParent().toString();
        assertTrue(ComposePlugin.find(Map.of("PATH", path, "DOCKER_HOST", "unix:///run/d.sock"), home).isPresent());
        assertFalse(ComposePlugin.find(Map.of("PATH", path, "DOCKER_HOST", "tcp://h:2375"), home).isPresent(), "a daemon elsewhere");
        assertFalse(ComposePlugin.find(Map.of("PATH", path, "DOCKER_CONTEXT", "remote"), home).isPresent(), "a context");
        Files.writeString(home.resolve(".docker/config.json"), "{\"cliPluginsExtraDirs\": [\"/opt/plugins\"]}");
        assertFalse(ComposePlugin.find(Map.of("PATH", path), home).isPresent(), "more plugin folders");
        Files.delete(home.resolve(".docker/config.json"));
        program(bin, "#!/bin/sh\nexec /usr/bin/docker \"$@\"\n".getBytes());
        assertFalse(ComposePlugin.find(Map.of("PATH", path), home).isPresent(), "a docker that is a script (a wrapper, a shim)");
        assertFalse(ComposePlugin.find(Map.of("PATH", home.resolve("none").toString()), home).isPresent(), "no docker");
    }

    private static Path program(Path file, byte[] content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }
}
