package piko.core;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import piko.error.PikoException;
import piko.text.RepoFiles;

/**
 * Files a worktree needs that git does not give it: the files compose reads (its compose files, the
 * files they include or extend, `.env`, `env_file:`) and piko.yaml's `copy:` paths or globs, copied
 * from the main checkout. A file that
 * is already in the worktree (tracked, or copied before and maybe changed there) is never
 * overwritten, so only what is missing is copied.
 */
public final class WorktreeCopies {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", Workspace.DIR);

    private WorktreeCopies() {
    }

    /**
     * Copies what is missing; returns the copied paths, relative to the root, and records each
     * copy's checksum (see changedCopies). A file reached through a symbolic link that leads out of
     * the main checkout, or one whose place in the worktree is reached through a link leading out of
     * the worktree, is not copied: warn names the link. files: the root's compose files;
     * patterns: piko.yaml's copy list.
     */
    public static List<String> copyMissing(Path root, Path worktree, ComposeFiles files, List<String> patterns,
                                           Consumer<String> warn) {
        List<String> copied = new ArrayList<>();
        Map<String, String> record = CopyRecord.read(root, worktree);
        for (String rel : wanted(root, files, patterns)) {
            Path from = root.resolve(rel);
            Path to = worktree.resolve(rel);
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Optional<Path> out = RepoFiles.linkLeaving(root, from);
            if (out.isPresent()) {
                warn.accept("not copying " + rel + ": " + out.get() + " is a symbolic link that leads out of " + root);
                continue;
            }
            Optional<Path> outOfWorktree = RepoFiles.linkLeaving(worktree, to.getParent());
            if (outOfWorktree.isPresent()) {
                warn.accept("not copying " + rel + ": " + outOfWorktree.get()
                        + " is a symbolic link that leads out of the worktree");
                continue;
            }
            try {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new PikoException("cannot copy " + rel + " into the worktree: " + e.getMessage(),
                        "check the file, or remove it from piko.yaml's copy list");
            }
            record.put(rel, CopyRecord.checksum(to));
            copied.add(rel);
        }
        if (!copied.isEmpty()) {
            CopyRecord.write(root, worktree, record);
        }
        return copied;
    }

    /**
     * The files piko copied into the worktree that are still as copied: destroy does not count
     * them as the user's work. A copied file changed since is work, like a tracked one.
     */
    public static Set<String> unchangedCopies(Path root, Path worktree) {
        Set<String> same = new TreeSet<>();
        CopyRecord.read(root, worktree).forEach((rel, sum) -> {
            if (sum.equals(CopyRecord.checksum(worktree.resolve(rel)))) {
                same.add(rel);
            }
        });
        return same;
    }

    /** The files piko copied into the worktree that differ now from what it copied (a deleted one does not count). */
    public static List<String> changedCopies(Path root, Path worktree) {
        List<String> changed = new ArrayList<>();
        CopyRecord.read(root, worktree).forEach((rel, sum) -> {
            Path file = worktree.resolve(rel);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !sum.equals(CopyRecord.checksum(file))) {
                changed.add(rel);
            }
        });
        return changed;
    }

    /** Drops the record of a worktree that is gone. */
    public static void forget(Path root, Path worktree) {
        CopyRecord.forget(root, worktree);
    }

    /** The files of the main checkout to copy, relative to the root. */
    public static Set<String> wanted(Path root, ComposeFiles files, List<String> patterns) {
        Set<String> wanted = new TreeSet<>();
        List<Path> envFiles = new ArrayList<>(ComposeInputs.of(files).all());
        envFiles.add(root.resolve(".env"));
        for (Path p : envFiles) {
            if (p.startsWith(root) && Files.isRegularFile(p)) {
                wanted.add(relative(root, p));
            }
        }
        for (String pattern : patterns) {
            wanted.addAll(matches(root, pattern));
        }
        return wanted;
    }

    /** Regular files (and links) under root matching a path or glob; a directory stands for all it holds. */
    static List<String> matches(Path root, String pattern) {
        Path start = root;
        for (String part : pattern.split("/")) {
            if (part.matches(".*[*?\\[{].*")) break;
            start = start.resolve(part);
        }
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS) || !start.normalize().startsWith(root)) {
            return List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return SKIPPED_DIRS.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path rel = root.relativize(file);
                    if (glob.matches(rel) || underMatchedDir(rel, glob)) {
                        out.add(relative(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PikoException("cannot read " + start + " for piko.yaml's copy list: " + e.getMessage());
        }
        return out;
    }

    private static boolean underMatchedDir(Path rel, PathMatcher glob) {
        for (Path p = rel.getParent(); p != null; p = p.getParent()) {
            if (glob.matches(p)) return true;
        }
        return false;
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
