package piko.core;

import java.nio.file.Path;
import java.util.Optional;

/** What `piko gc` asks of git about branches; piko.git implements it. */
public interface BranchHistory {
    /** The repository's default branch: origin's HEAD, else main, else master; empty when none is there. */
    Optional<String> defaultBranch(Path repo);

    /**
     * Whether the branch holds at least one commit of its own (its tip moved since the branch was
     * created, as its reflog says) and its tip is in the default branch (local, or origin's).
     */
    boolean mergedWithOwnCommits(Path repo, String branch, String defaultBranch);
}
