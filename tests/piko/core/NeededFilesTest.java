package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.model.ComposeModel;

class NeededFilesTest {
    @TempDir
    Path root;

    @Test
    void secretsConfigsAndBindMountedFilesInsideTheRepository() throws Exception {
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/app.ini"), "x\n");
        Files.createDirectories(root.resolve("src"));
        String json = """
                {"name": "p", "services": {"web": {"image": "w", "volumes": [
                  {"type": "bind", "source": "ROOT/conf/app.ini", "target": "/etc/app.ini", "read_only": true},
                  {"type": "bind", "source": "ROOT/src", "target": "/src"},
                  {"type": "bind", "source": "/etc/hosts", "target": "/h"}]}},
                 "secrets": {"token": {"file": "ROOT/secret.txt"}, "outside": {"file": "/run/elsewhere"}},
                 "configs": {"nginx": {"file": "ROOT/conf/nginx.conf"}}}
                """.replace("ROOT", root.toString());
        Map<String, String> needed = NeededFiles.of(ComposeModel.parse(json), root);
        assertEquals(Map.of("conf/app.ini", "bind mount of web", "secret.txt", "secret token", "conf/nginx.conf", "config nginx"),
                needed, "folders (the sources) and files outside the repository are not the worktree's to copy");
        assertEquals(List.of("conf/nginx.conf (config nginx)"), NeededFiles.missing(needed, root, "secret.txt"::equals),
                "the branch has secret.txt, the main checkout app.ini; neither has nginx.conf");
    }
}
