package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;

/** The files and settings `docker compose` takes in a folder (checked against compose 2.26 by hand, see README). */
class ComposeFilesTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultFileWithTheFirstOverrideCompose() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        assertEquals(List.of("compose.yaml"), ComposeFiles.in(dir, List.of(), Map.of()).names());
        Files.writeString(dir.resolve("docker-compose.override.yml"), "services: {}\n");
        Files.writeString(dir.resolve("compose.override.yaml"), "services: {}\n");
        ComposeFiles f = ComposeFiles.in(dir, List.of(), Map.of());
        assertEquals(List.of("compose.yaml", "compose.override.yaml"), f.names());
        assertEquals("default", f.origin());
        assertEquals(dir, f.projectDirectory());
    }

    @Test
    void composeFileFromDotEnvWithItsSeparatorAndTheEnvironmentWinning() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(dir.resolve(".env"), """
                # EC-CUBE's shape
                export COMPOSE_FILE="docker-compose.yml;docker-compose.pgsql.yml"
                COMPOSE_PATH_SEPARATOR=;
                COMPOSE_PROFILES=dev, debug # two
                COMPOSE_PROJECT_NAME='mine'
                OTHER=x
                """);
        ComposeFiles f = ComposeFiles.in(dir, List.of(), Map.of("PATH", "/bin"));
        assertEquals(List.of("docker-compose.yml", "docker-compose.pgsql.yml"), f.names());
        assertEquals("COMPOSE_FILE", f.origin());
        assertEquals(List.of("dev", "debug"), f.profiles());
        assertEquals("mine", f.settings().get("COMPOSE_PROJECT_NAME"));
        assertEquals(null, f.settings().get("OTHER"), "only compose's own settings");
        assertEquals(List.of("docker-compose.yml", "docker-compose.pgsql.yml"), f.missing());
        PikoException e = assertThrows(PikoException.class, () -> f.requireExisting("branch e1", "commit them"));
        assertEquals("the compose files docker-compose.yml, docker-compose.pgsql.yml named in COMPOSE_FILE are not in branch e1",
                e.getMessage());

        ComposeFiles fromEnv = ComposeFiles.in(dir, List.of(), Map.of("COMPOSE_FILE", "compose.yaml", "COMPOSE_PROFILES", ""));
        assertEquals(List.of("compose.yaml"), fromEnv.names());
        assertEquals(List.of(), fromEnv.profiles(), "the environment wins over .env, even empty");
    }

    @Test
    void pikoYamlsListWinsAndTheFirstFilesFolderIsTheProjectDirectory() throws Exception {
        Files.createDirectories(dir.resolve("docker"));
        Files.writeString(dir.resolve(".env"), "COMPOSE_FILE=compose.yaml\nCOMPOSE_PROFILES=root\n");
        Files.writeString(dir.resolve("docker/.env"), "COMPOSE_PROFILES=docker\n");
        ComposeFiles f = ComposeFiles.in(dir, List.of("docker/compose.yaml", "docker/dev.yaml"), Map.of());
        assertEquals(List.of("docker/compose.yaml", "docker/dev.yaml"), f.names());
        assertEquals(dir.resolve("docker"), f.projectDirectory());
        assertEquals(List.of("docker"), f.profiles(), "compose reads the .env of its project directory");
        assertThrows(PikoException.class, () -> ComposeFiles.in(dir.resolve("docker"), List.of(), Map.of()).requireExisting("x", "y"));
    }
}
