package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import piko.model.ComposeModel;

/**
 * The files of the repository the services read when they start: each secret's and config's
 * `file:`, and each bind-mounted file (not folder: compose makes a missing one, and a folder such as
 * the sources is the branch's). A worktree has what git has; create copies the rest from the main
 * checkout, and stops before it makes anything when neither has one of them.
 */
final class NeededFiles {
    private NeededFiles() {
    }

    /** Each needed file inside root, relative to it, with what needs it ("secret token", "bind of web"). */
    static Map<String, String> of(ComposeModel model, Path root) {
        Map<String, String> out = new TreeMap<>();
        model.fileSources().forEach((what, file) -> inside(root, file, true).ifPresent(rel -> out.putIfAbsent(rel, what)));
        for (ComposeModel.Service s : model.services().values()) {
            for (ComposeModel.Bind b : s.binds()) {
                inside(root, b.source(), false).ifPresent(rel -> out.putIfAbsent(rel, "bind mount of " + s.name()));
            }
        }
        return out;
    }

    /** The path relative to root when it is inside it (outside piko's and git's folders); bind sources only as files. */
    private static java.util.Optional<String> inside(Path root, String file, boolean evenMissing) {
        Path p = Path.of(file).normalize();
        if (!p.startsWith(root) || p.equals(root)) return java.util.Optional.empty();
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.equals(".git") || rel.startsWith(".git/") || rel.startsWith(Workspace.DIR + "/")) return java.util.Optional.empty();
        return evenMissing || Files.isRegularFile(p) ? java.util.Optional.of(rel) : java.util.Optional.empty();
    }

    /** The needed files git does not give the branch and the main checkout does not have either. */
    static List<String> missing(Map<String, String> needed, Path root, java.util.function.Predicate<String> inBranch) {
        return needed.entrySet().stream()
                .filter(e -> !Files.exists(root.resolve(e.getKey())) && !inBranch.test(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    }
}
