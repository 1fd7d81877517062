package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeCopiesTest {
    private static final java.util.function.Consumer<String> NO_WARNING = w -> {
        throw new AssertionError("unexpected warning: " + w);
    };

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

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

        List<String> copied = WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("app/conf/**.yml", "secret.key", "compose.yaml", "nothing/*"), NO_WARNING);
        assertEquals(List.of(".env", "app/conf/a.yml", "app/conf/deep/b.yml", "app/web.env", "compose.override.yaml", "secret.key"),
                copied, "the override file compose loads, untracked, is copied too");
        assertEquals("B=2\n", Files.readString(wt.resolve("app/web.env")));
        assertEquals("tracked\n", Files.readString(wt.resolve("compose.yaml")), "a file the worktree has is never overwritten");

        Files.writeString(wt.resolve(".env"), "A=changed in the worktree\n");
        Files.writeString(root.resolve(".env"), "A=changed in main\n");
        assertEquals(List.of(), WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("app/conf/**.yml", "secret.key"), NO_WARNING));
        assertEquals("A=changed in the worktree\n", Files.readString(wt.resolve(".env")));
        assertEquals(List.of("app/conf/c.txt"), WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("app/conf"), NO_WARNING),
                "a directory stands for the files it holds");
    }

    @Test
    void neverCopiesThroughALinkLeavingTheRepositoryOrTheWorktree() throws Exception {
        Path wt = Files.createDirectories(root.resolve(".piko/worktrees/e1"));
        Files.writeString(root.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(wt.resolve("compose.yaml"), "services: {}\n");  // tracked: the worktree has it
        Files.createDirectories(root.resolve("secrets"));
        Files.writeString(root.resolve("secrets/app.env"), "PASSWORD=x\n");
        // a branch committed secrets -> elsewhere: the copy would land outside the worktree
        Files.createSymbolicLink(wt.resolve("secrets"), elsewhere);
        // the main checkout's conf is a link out of the repository: reading it would copy a stranger's file
        Files.writeString(elsewhere.resolve("outside.yml"), "theirs\n");
        Files.createSymbolicLink(root.resolve("conf"), elsewhere);
        Files.createDirectories(root.resolve("inside"));
        Files.writeString(root.resolve("inside/ok.yml"), "ok\n");
        Files.createSymbolicLink(root.resolve("near"), root.resolve("inside"));
        List<String> warnings = new java.util.ArrayList<>();
        List<String> copied = WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()),
                List.of("secrets", "conf/outside.yml", "near/ok.yml"), warnings::add);
        assertEquals(List.of("near/ok.yml"), copied, "a link that stays in the repository is followed");
        assertEquals(List.of("not copying conf/outside.yml: " + root.resolve("conf") + " is a symbolic link that leads out of " + root,
                "not copying secrets/app.env: " + wt.resolve("secrets") + " is a symbolic link that leads out of the worktree"),
                warnings);
        assertFalse(Files.exists(elsewhere.resolve("app.env")), "nothing is written outside the worktree");
        assertFalse(Files.exists(wt.resolve("conf")));
    }

    @Test
    void recordsWhatItCopiedSoDestroyTellsACopyFromTheUsersWork() throws Exception {
        Path wt = Files.createDirectories(root.resolve(".piko/worktrees/e1"));
        Files.writeString(root.resolve("compose.yaml"), "services: {}\n");
        Files.writeString(wt.resolve("compose.yaml"), "services: {}\n");  // tracked: the worktree has it
        Files.writeString(root.resolve(".env"), "A=1\n");
        Files.writeString(root.resolve("local.yml"), "x\n");
        WorktreeCopies.copyMissing(root, wt, ComposeFiles.in(root, List.of(), java.util.Map.of()), List.of("local.yml"), NO_WARNING);
        assertEquals(Set.of(".env", "local.yml"), WorktreeCopies.unchangedCopies(root, wt));
        assertEquals(List.of(), WorktreeCopies.changedCopies(root, wt));
        Files.writeString(wt.resolve(".env"), "A=2\n");
        Files.delete(wt.resolve("local.yml"));
        assertEquals(Set.of(), WorktreeCopies.unchangedCopies(root, wt));
        assertEquals(List.of(".env"), WorktreeCopies.changedCopies(root, wt));
        WorktreeCopies.forget(root, wt);
        assertEquals(List.of(), WorktreeCopies.changedCopies(root, wt));
    }
}
