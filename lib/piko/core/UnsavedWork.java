package piko.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What destroy would throw away with a worktree: its tracked changes and untracked files that are
 * not ignored (git status), and the files piko copied into it that were changed since; the copies
 * as piko made them, and the override file, are piko's, not the user's work.
 */
final class UnsavedWork {
    /** How many entries an error or warning lists before it says how many more there are. */
    private static final int SHOWN = 20;

    private UnsavedWork() {
    }

    /** One entry each: git's porcelain line (` M config/app.yml`, `?? notes.txt`), or `copied, changed since: <path>`. */
    static List<String> in(Worktrees git, Path root, Path worktree) {
        List<String> ignored = new ArrayList<>(WorktreeCopies.unchangedCopies(root, worktree));
        ignored.add(OverrideFile.NAME);
        List<String> work = new ArrayList<>(git.changes(worktree, ignored));
        List<String> listed = work.stream().map(l -> l.length() > 3 ? l.substring(3) : l).toList();
        WorktreeCopies.changedCopies(root, worktree).stream().filter(c -> !listed.contains(c))
                .forEach(c -> work.add("copied, changed since: " + c));
        return work;
    }

    /** The entries for one line of output: all of them up to SHOWN, then how many more. */
    static String list(List<String> work, Path worktree) {
        String shown = String.join("; ", work.subList(0, Math.min(SHOWN, work.size())).stream().map(String::strip).toList());
        return work.size() <= SHOWN ? shown
                : shown + "; and " + (work.size() - SHOWN) + " more (git status in " + worktree + ")";
    }
}
