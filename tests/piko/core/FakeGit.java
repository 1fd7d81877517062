package piko.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;

/** git for flow tests: branches and worktrees in memory; a worktree is a directory holding the repository's files. */
final class FakeGit implements Worktrees {
    final List<String> calls = new ArrayList<>();
    final Set<String> branches = new TreeSet<>(Set.of("main"));
    final Set<Path> worktrees = new TreeSet<>();
    /** Commits a branch holds that no other branch has (work done in an environment). */
    final java.util.Map<String, List<String>> ownCommits = new java.util.HashMap<>();
    /** The branch each worktree has checked out. */
    final java.util.Map<Path, String> branchOf = new java.util.TreeMap<>();
    /** Each worktree's tracked files as checked out, for git status. */
    private final java.util.Map<Path, java.util.Map<String, String>> checkedOut = new java.util.HashMap<>();
    private final List<String> repositoryFiles;
    private String failOp;

    FakeGit(List<String> repositoryFiles) {
        this.repositoryFiles = repositoryFiles;
    }

    FakeGit failing(String op) {
        failOp = op;
        return this;
    }

    private void call(String op, String detail) {
        calls.add(op + " " + detail);
        if (Thread.currentThread().isInterrupted()) {
            throw new PikoException("interrupted while running git");  // as ProcessRunner does
        }
        if (op.equals(failOp)) {
            throw new PikoException("fake git " + op + " failed");
        }
    }

    @Override public Path toplevel(Path dir) { return dir; }

    @Override
    public void repairWorktrees(Path repo, List<Path> paths) {
        call("repair", paths.toString());
    }

    @Override
    public void moveWorktree(Path repo, Path from, Path to) {
        call("move", from + " " + to);
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        worktrees.remove(from);
        worktrees.add(to);
    }

    @Override
    public boolean hasFile(Path repo, String revision, String path) {
        call("hasFile", revision + ":" + path);
        return false;
    }

    @Override
    public boolean branchExists(Path repo, String branch) {
        call("branchExists", branch);
        return branches.contains(branch);
    }

    @Override
    public void addWorktreeNewBranch(Path repo, Path path, String branch) {
        call("addWorktree", branch);
        if (branches.contains(branch)) throw new PikoException("branch exists");
        branches.add(branch);
        checkout(repo, path, branch);
    }

    @Override
    public void addWorktreeExistingBranch(Path repo, Path path, String branch) {
        call("addWorktree", branch);
        checkout(repo, path, branch);
    }

    private void checkout(Path repo, Path path, String branch) {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try {
            Files.createDirectories(path);
            for (String f : repositoryFiles) {
                Files.copy(repo.resolve(f), path.resolve(f));
                files.put(f, Files.readString(path.resolve(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        worktrees.add(path);
        branchOf.put(path, branch);
        checkedOut.put(path, files);
    }

    /** A commit made in a worktree: its branch now holds a commit no other branch has. */
    void commitIn(Path worktree, String id) {
        ownCommits.computeIfAbsent(branchOf.get(worktree), b -> new ArrayList<>()).add(id);
    }

    @Override
    public void removeWorktree(Path repo, Path path) {
        call("removeWorktree", path.getFileName().toString());
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        worktrees.remove(path);
        branchOf.remove(path);
        checkedOut.remove(path);
    }

    @Override
    public void pruneWorktrees(Path repo) {
        call("prune", "");
        worktrees.removeIf(p -> !Files.exists(p));
        branchOf.keySet().removeIf(p -> !Files.exists(p));
    }

    @Override
    public void deleteBranch(Path repo, String branch) {
        call("deleteBranch", branch);
        branches.remove(branch);
    }

    @Override
    public List<String> commitsOnlyOn(Path repo, String branch) {
        call("commitsOnlyOn", branch);
        return ownCommits.getOrDefault(branch, List.of());
    }

    @Override
    public List<String> changes(Path worktree, List<String> ignoredPaths) {
        call("status", worktree.getFileName().toString());
        java.util.Map<String, String> tracked = checkedOut.getOrDefault(worktree, java.util.Map.of());
        List<String> changed = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        try (var files = Files.walk(worktree)) {
            files.filter(Files::isRegularFile).map(f -> worktree.relativize(f).toString()).sorted().forEach(f -> {
                if (!tracked.containsKey(f)) {
                    untracked.add("?? " + f);
                } else if (!tracked.get(f).equals(read(worktree.resolve(f)))) {
                    changed.add(" M " + f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tracked.keySet().stream().filter(f -> !Files.exists(worktree.resolve(f))).forEach(f -> changed.add(" D " + f));
        changed.addAll(untracked);  // as git status --porcelain: tracked changes first, then untracked files
        return changed.stream().filter(l -> !ignoredPaths.contains(l.substring(3))).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Map<Path, String> worktrees(Path repo) {
        call("worktrees", "");
        java.util.Map<Path, String> all = new java.util.LinkedHashMap<>();
        all.put(repo, "main");
        all.putAll(branchOf);
        return all;
    }
}
