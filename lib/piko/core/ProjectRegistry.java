package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine-wide record of piko's projects: each checkout's identity with its folder and its
 * name, so that `init` picks a name no other checkout uses and messages can say whose an object is.
 */
public interface ProjectRegistry {
    /** One checkout as recorded. */
    record Entry(String identity, Path root, String name) {
        /** Whether its folder still holds a piko state (a deleted or moved project does not). */
        public boolean live() {
            return Files.isRegularFile(Workspace.stateFile(root));
        }
    }

    List<Entry> projects();

    /** Records a checkout: one entry per identity and one per folder (a moved project's entry moves). */
    void register(String identity, Path root, String name);

    /** The identity the state in a folder records, read without changing the file; empty when it has none. */
    Optional<String> identityAt(Path root);

    default Optional<Entry> byIdentity(String identity) {
        return projects().stream().filter(e -> e.identity().equals(identity)).findFirst();
    }

    default Optional<Entry> byRoot(Path root) {
        return projects().stream().filter(e -> e.root().equals(root)).findFirst();
    }
}
