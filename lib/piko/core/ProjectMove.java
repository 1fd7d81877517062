package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import piko.error.PikoException;
import piko.model.Environment;
import piko.model.Project;

/**
 * A project folder moved with its .piko: the state names the folder it was made in, so a state
 * found elsewhere is the same project (its identity travelled with it), not a new one. Its paths
 * and git's links between the repository and the worktrees are brought up to date, once.
 */
public final class ProjectMove {
    private ProjectMove() {
    }

    /** What was done, for the user; empty when the project is where its state says. */
    public static Optional<String> recognise(Workspace ws, Worktrees git) {
        Project p = ws.project();
        Path from = p.root();
        Path to = ws.root();
        if (from.equals(to)) {
            return Optional.empty();
        }
        if (ws.registry().identityAt(from).filter(p.identity()::equals).isPresent()) {
            throw new PikoException("the piko state in " + to + " is a copy of the project at " + from
                    + " (the same identity): piko will not act on both as one project",
                    "work in " + from + "; to make this copy a project of its own, move its .piko/state.db aside"
                            + " (its worktrees stay) and run piko init here");
        }
        ws.store().relocate(to);
        List<Path> worktrees = ws.store().environments().stream().map(Environment::path)
                .filter(path -> path.startsWith(to) && Files.isDirectory(path)).toList();
        String repaired = "";
        try {
            git.repairWorktrees(to, worktrees);
            repaired = worktrees.isEmpty() ? "" : " and git's links of " + worktrees.size() + " worktree"
                    + (worktrees.size() == 1 ? "" : "s");
        } catch (PikoException e) {
            repaired = " (git worktree repair failed: " + e.getMessage() + "; run piko doctor)";
        }
        try {
            ws.registry().register(p.identity(), to, p.name());
        } catch (PikoException e) {
            repaired += " (the machine-wide record still names the old folder: " + e.getMessage() + ")";
        }
        return Optional.of("this project moved from " + from + " to " + to + ": updated the paths in its state" + repaired);
    }
}
