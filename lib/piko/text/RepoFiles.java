package piko.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import piko.error.PikoException;

/**
 * Files piko reads or writes inside a repository or a worktree, reached through a symbolic link
 * only when the link stays inside it: a link committed on a branch (`secrets -> /home/me/.ssh`)
 * must not make piko write, or copy from, anything outside.
 */
public final class RepoFiles {
    private RepoFiles() {
    }

    /**
     * The first symbolic link on the way from dir down to path (path itself included) that leads
     * out of dir, or nowhere; empty when there is none. path must lie under dir.
     */
    public static Optional<Path> linkLeaving(Path dir, Path path) {
        Path top = dir.toAbsolutePath().normalize();
        Path target = path.toAbsolutePath().normalize();
        if (!target.startsWith(top)) {
            return Optional.of(target);
        }
        try {
            Path realTop = top.toRealPath();
            Path at = top;
            for (Path name : top.relativize(target)) {
                at = at.resolve(name);
                if (!Files.isSymbolicLink(at)) {
                    continue;
                }
                if (!Files.exists(at) || !at.toRealPath().startsWith(realTop)) {
                    return Optional.of(at);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(target);  // what cannot be resolved is not trusted
        }
    }

    /**
     * The file to write for file, a path under root: itself, or the real file its link names when
     * that lies inside root (the link is kept); an error naming the link when it leads out.
     */
    public static Path writable(Path root, Path file) {
        Optional<Path> leaving = linkLeaving(root, file);
        if (leaving.isPresent()) {
            throw new PikoException(leaving.get() + " is a symbolic link that leads out of " + root
                    + " (to " + describeTarget(leaving.get()) + "): piko does not write through it",
                    "make the change by hand, or replace the link with a file of the repository");
        }
        try {
            if (Files.isSymbolicLink(file)) {
                return file.toRealPath();
            }
            return file;
        } catch (IOException e) {
            throw new PikoException("cannot resolve " + file + ": " + e.getMessage());
        }
    }

    private static String describeTarget(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : link.toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
