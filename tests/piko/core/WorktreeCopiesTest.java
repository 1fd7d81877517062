package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeCopiesTest {
    @TempDir
    Path root;

    @Test
    void copiesEnvFilesAndTheCopyListButNeverOverwrites() throws Exception {
        Path wt = Files.createDirectories(root.resolve(".piko/worktrees/e1"));
        Files.createDirectories(root.resolve("app/conf/deep"));
        Files.writeString(root.resolve("compose.yaml"), "services:\n  web:\n    env_file: [app/web.env, app/none.env]\n");
        Files.writeString(root.resolve(".env"), "A=1\n");
        Files.writeString(root.resolve("app/web.env"), "B=2\n");
        Files.writeString(root.resolve("app/conf/a.yml"), "a\n");
        Files.writeString(root.resolve("app/conf/deep/b.yml"), "b\n");
        Files.writeString(root.resolve("app/conf/c.txt"), "c\n");
        Files.writeString(root.resolve("secret.key"), "k\n");
        Files.writeString(wt.resolve("compose.yaml"), "tracked\n");
        Files.writeString(root.resolve("compose.override.yaml"), "services: {}\n");

        List<String> copied = WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("app/conf/**.yml", "secret.key", "compose.yaml", "nothing/*"));
        assertEquals(List.of(".env", "app/conf/a.yml", "app/conf/deep/b.yml", "app/web.env", "compose.override.yaml", "secret.key"),
                copied, "the override file compose loads, untracked, is copied too");
        assertEquals("B=2\n", Files.readString(wt.resolve("app/web.env")));
        assertEquals("tracked\n", Files.readString(wt.resolve("compose.yaml")), "a file the worktree has is never overwritten");

        Files.writeString(wt.resolve(".env"), "A=changed in the worktree\n");
        Files.writeString(root.resolve(".env"), "A=changed in main\n");
        assertEquals(List.of(), WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("app/conf/**.yml", "secret.key")));
        assertEquals("A=changed in the worktree\n", Files.readString(wt.resolve(".env")));
        assertEquals(List.of("app/conf/c.txt"), WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("app/conf")),
                "a directory stands for the files it holds");
    }
}
