package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeInputsTest {
    @TempDir
    Path dir;

    @Test
    void findsIncludedExtendedAndEnvFilesRecursively() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("compose.yaml"), """
                include:
                  - db/compose.yaml
                  - path: [extra.yaml]
                    env_file: extra.env
                services:
                  web:
                    extends: {file: common/base.yaml, service: base}
                    env_file: web.env
                  api:
                    env_file:
                      - path: api.env
                        required: false
                      - ${HOME}/secret.env
                """);
        Files.writeString(dir.resolve("db/compose.yaml"), "services:\n  db:\n    env_file: [db.env]\n");
        Files.writeString(dir.resolve("extra.yaml"), "services: {}\n");
        Files.writeString(dir.resolve("common/base.yaml"), """
                services:
                  base:
                    env_file: base.env
                    extends: {file: ../compose.yaml, service: api}
                """);
        ComposeInputs.Found found = ComposeInputs.of(dir, List.of(dir.resolve("compose.yaml")));
        assertEquals(List.of(dir.resolve("compose.yaml"), dir.resolve("db/compose.yaml"), dir.resolve("extra.yaml"),
                dir.resolve("common/base.yaml")), List.copyOf(found.composeFiles()));
        assertEquals(Set.of(dir.resolve(".env"), dir.resolve("db/db.env"), dir.resolve("extra.env"),
                dir.resolve("web.env"), dir.resolve("api.env"), dir.resolve("common/base.env")), found.envFiles());
    }

    @Test
    void aMissingOrBrokenFileIsOnlyListed() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services: [unclosed\n");
        ComposeInputs.Found found = ComposeInputs.of(dir, List.of(dir.resolve("compose.yaml")));
        assertEquals(List.of(dir.resolve("compose.yaml"), dir.resolve(".env")), found.all());
        assertEquals(List.of(dir.resolve("none.yaml"), dir.resolve(".env")),
                ComposeInputs.of(dir, List.of(dir.resolve("none.yaml"))).all());
    }
}
