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
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;

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
     * Copies what is missing; returns the copied paths, relative to the root.
     * files: the root's compose files; patterns: piko.yaml's copy list.
     */
    public static List<String> copyMissing(Path root, Path worktree, ComposeFiles files, List<String> patterns) {
        List<String> copied = new ArrayList<>();
        for (String rel : wanted(root, files, patterns)) {
            Path from = root.resolve(rel);
            Path to = worktree.resolve(rel);
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new PikoException("cannot copy " + rel + " into the worktree: " + e.getMessage(),
                        "check the file, or remove it from piko.yaml's copy list");
            }
            copied.add(rel);
        }
        return copied;
    }

    /** The files of the main checkout to copy, relative to the root (destroy does not count them as changes). */
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
