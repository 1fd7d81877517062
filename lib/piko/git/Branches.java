package piko.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import piko.core.BranchHistory;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;

/** Branch history for `piko gc`: the default branch, and whether a branch's own work is merged into it. */
public final class Branches implements BranchHistory {
    private final ProcessRunner runner;
    private final Timeouts timeouts;

    public Branches(ProcessRunner runner, Timeouts timeouts) {
        this.runner = runner;
        this.timeouts = timeouts;
    }

    @Override
    public Optional<String> defaultBranch(Path repo) {
        Result origin = git(repo, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD");
        if (origin.ok() && origin.stdout().strip().startsWith("origin/")) {
            return Optional.of(origin.stdout().strip().substring("origin/".length()));
        }
        for (String name : List.of("main", "master")) {
            if (git(repo, "show-ref", "--verify", "--quiet", "refs/heads/" + name).ok()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean mergedWithOwnCommits(Path repo, String branch, String defaultBranch) {
        Result tip = git(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch);
        Result reflog = git(repo, "reflog", "show", "--format=%H", "refs/heads/" + branch, "--");
        if (!tip.ok() || !reflog.ok()) {
            return false;
        }
        List<String> entries = reflog.stdout().strip().lines().filter(l -> !l.isBlank()).toList();
        if (entries.isEmpty() || entries.get(entries.size() - 1).equals(tip.stdout().strip())) {
            return false;  // no reflog to tell, or the tip is still where the branch was created: no work of its own
        }
        for (String into : List.of("refs/heads/" + defaultBranch, "refs/remotes/origin/" + defaultBranch)) {
            if (git(repo, "merge-base", "--is-ancestor", tip.stdout().strip(), into).ok()) {
                return true;
            }
        }
        return false;
    }

    private Result git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return runner.run(Call.of(timeouts.git(), cmd).in(dir).timeoutSetBy("timeouts.git"));
    }
}
