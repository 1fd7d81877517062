package piko.model;

import java.nio.file.Path;

/**
 * The piko project: one git repository with one compose file. identity is the checkout's own,
 * random, made at init and kept in its state (it travels with the folder); every Docker object
 * piko makes carries it as a label, so piko never takes another checkout's objects for its own.
 */
public record Project(long id, String name, Path root, String composeFile, String identity) {
    public Path worktreesDir() {
        return worktreesDir(root);
    }

    /** Where the worktrees of the project at root sit. */
    public static Path worktreesDir(Path root) {
        return root.resolve(".piko").resolve("worktrees");
    }
}
