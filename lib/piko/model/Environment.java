package piko.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One environment as recorded in the state: a worktree, a branch and a compose project.
 * phase is "creating" until create has finished, then "ready".
 */
public record Environment(long id, String name, String branch, boolean createdBranch, Path path, int slot,
                          String phase, List<String> services, String composeHash, String createdAt) {
    public static final String CREATING = "creating";
    public static final String READY = "ready";
}
