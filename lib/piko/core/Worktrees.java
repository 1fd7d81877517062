package piko.core;

import java.nio.file.Path;
import java.util.List;

/** What core needs from git; piko.git implements it, the flow tests fake it. */
public interface Worktrees {
    /** The top of the working tree containing dir; an error when dir is not in a git repository. */
    Path toplevel(Path dir);

    boolean branchExists(Path repo, String branch);

    /** Whether a revision (a branch, HEAD) holds a file, path relative to the repository's root. */
    boolean hasFile(Path repo, String revision, String path);

    /** Adds a worktree at path on a new branch made from HEAD. */
    void addWorktreeNewBranch(Path repo, Path path, String branch);

    /** Adds a worktree at path checking out an existing branch. */
    void addWorktreeExistingBranch(Path repo, Path path, String branch);

    void removeWorktree(Path repo, Path path);

    void pruneWorktrees(Path repo);

    /** After the repository and these worktrees moved: git's links both ways brought up to date (git worktree repair). */
    void repairWorktrees(Path repo, List<Path> paths);

    /** Moves a worktree (git worktree move). */
    void moveWorktree(Path repo, Path from, Path to);

    void deleteBranch(Path repo, String branch);

    /** The commits of the branch that no other branch (local or remote-tracking) has, newest first, abbreviated. */
    List<String> commitsOnlyOn(Path repo, String branch);

    /** Every worktree of the repository: its path to its branch (empty for a detached one). */
    java.util.Map<Path, String> worktrees(Path repo);

    /** Uncommitted or untracked changes in a worktree, one porcelain line each, except the given paths. */
    List<String> changes(Path worktree, List<String> ignoredPaths);
}
