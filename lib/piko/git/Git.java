package piko.git;

import piko.error.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import piko.core.Worktrees;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;

/** The git operations piko needs: the repository root, worktrees and branches. */
public class Git implements Worktrees {
    private final ProcessRunner runner;
    private final Duration timeout;

    public Git(ProcessRunner runner) {
        this(runner, Timeouts.DEFAULTS);
    }

    /** Git calls are limited by timeouts.git (none by default: a big checkout takes what it takes). */
    public Git(ProcessRunner runner, Timeouts timeouts) {
        this.runner = runner;
        this.timeout = timeouts.git();
    }

    /** The top of the working tree containing dir; an error when dir is not in a git repository. */
    @Override
    public Path toplevel(Path dir) {
        Result r = git(dir, "rev-parse", "--show-toplevel");
        if (!r.ok()) {
            throw new PikoException("not a git repository: " + dir, "run piko inside a git repository (git init)");
        }
        return Path.of(r.stdout().strip());
    }

    @Override
    public boolean hasFile(Path repo, String revision, String path) {
        return git(repo, "cat-file", "-e", revision + ":" + path).ok();
    }

    @Override
    public boolean branchExists(Path repo, String branch) {
        Result r = git(repo, "show-ref", "--verify", "--quiet", "refs/heads/" + branch);
        if (r.ok()) {
            return true;
        }
        if (r.exitCode() == 1 && r.output().isEmpty()) {
            return false;  // show-ref's one quiet answer for "no such ref"
        }
        throw new PikoException("cannot check branch " + branch + ": git show-ref failed (exit " + r.exitCode() + ")"
                + (r.output().isEmpty() ? "" : ": " + r.output()));
    }

    /** Adds a worktree at path on a new branch made from HEAD. */
    @Override
    public void addWorktreeNewBranch(Path repo, Path path, String branch) {
        Result r = git(repo, "worktree", "add", "-b", requireBranchName(branch), "--", path.toString(), "HEAD");
        if (!r.ok() && r.output().contains("not a valid object name: 'HEAD'")) {
            throw new PikoException("the repository has no commit yet, and a worktree starts from one",
                    "commit your files first, the compose file included: git add -A && git commit -m 'First commit'");
        }
        orFail(r, "git worktree add");
    }

    /** Adds a worktree at path checking out an existing branch. */
    @Override
    public void addWorktreeExistingBranch(Path repo, Path path, String branch) {
        orFail(git(repo, "worktree", "add", "--", path.toString(), requireBranchName(branch)), "git worktree add");
    }

    @Override
    public void removeWorktree(Path repo, Path path) {
        orFail(git(repo, "worktree", "remove", "--force", "--force", "--", path.toString()), "git worktree remove");
    }

    @Override
    public void pruneWorktrees(Path repo) {
        orFail(git(repo, "worktree", "prune"), "git worktree prune");
    }

    @Override
    public void repairWorktrees(Path repo, List<Path> paths) {
        List<String> args = new ArrayList<>(List.of("worktree", "repair", "--"));
        paths.forEach(p -> args.add(p.toString()));
        orFail(git(repo, args.toArray(String[]::new)), "git worktree repair");
    }

    @Override
    public void moveWorktree(Path repo, Path from, Path to) {
        orFail(git(repo, "worktree", "move", "--", from.toString(), to.toString()), "git worktree move");
    }

    @Override
    public void deleteBranch(Path repo, String branch) {
        orFail(git(repo, "branch", "-D", "--", requireBranchName(branch)), "git branch -D");
    }

    @Override
    public List<String> commitsOnlyOn(Path repo, String branch) {
        // --exclude takes the name without refs/heads/ for --branches; branch names hold no glob characters
        Result r = orFail(git(repo, "rev-list", "--abbrev-commit", "refs/heads/" + requireBranchName(branch), "--not",
                "--exclude=" + branch, "--branches", "--remotes", "--"), "git rev-list");
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The repository's worktrees: path to branch ("" when detached). */
    public Map<Path, String> worktrees(Path repo) {
        Result r = orFail(git(repo, "worktree", "list", "--porcelain"), "git worktree list");
        Map<Path, String> out = new java.util.LinkedHashMap<>();
        Path current = null;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("worktree ")) {
                current = Path.of(line.substring("worktree ".length())).toAbsolutePath().normalize();
                out.put(current, "");
            } else if (line.startsWith("branch refs/heads/") && current != null) {
                out.put(current, line.substring("branch refs/heads/".length()));
            }
        }
        return out;
    }

    /** Uncommitted or untracked changes in a worktree, one porcelain line each, except the given untracked paths. */
    @Override
    public List<String> changes(Path worktree, List<String> ignoredPaths) {
        Result r = orFail(git(worktree, "status", "--porcelain", "--untracked-files=all"), "git status");
        List<String> lines = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) continue;
            String file = line.length() > 3 ? line.substring(3) : line;
            if (!(line.startsWith("??") && ignoredPaths.contains(file))) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** git refuses branch names starting with '-' itself; refused here too, so none is ever read as an option. */
    public static String requireBranchName(String branch) {
        if (branch.isEmpty() || branch.startsWith("-")) {
            throw new PikoException("invalid branch name '" + branch + "': a branch name cannot start with '-'",
                    "name an existing branch: git branch --list", ExitCode.USAGE);
        }
        return branch;
    }

    private Result git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        return runner.run(Call.of(timeout, cmd).in(dir).timeoutSetBy("timeouts.git"));
    }

    private static Result orFail(Result r, String what) {
        if (!r.ok()) {
            throw new PikoException(what + " failed: " + r.output());
        }
        return r;
    }
}
