package piko.model;

import java.nio.file.Path;

/** The piko project: one git repository with one compose file. */
public record Project(long id, String name, Path root, String composeFile) {
    public Path worktreesDir() {
        return worktreesDir(root);
    }

    /** Where the worktrees of the project at root sit. */
    public static Path worktreesDir(Path root) {
        return root.resolve(".piko").resolve("worktrees");
    }
}
