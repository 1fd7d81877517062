package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import piko.config.PikoConfig;
import piko.error.PikoException;
import piko.model.PortAllocation;
import piko.model.Project;

/** An initialised piko project: its root, its state and piko.yaml. */
public final class Workspace implements AutoCloseable {
    public static final String DIR = ".piko";
    public static final String STATE_FILE = "state.db";

    private final Path root;
    private final ProjectStore store;
    private final PikoConfig config;
    private final java.util.function.Supplier<ProjectRegistry> registry;

    public Workspace(Path root, ProjectStore store, PikoConfig config) {
        this(root, store, config, () -> NO_REGISTRY);
    }

    /** registry: the machine-wide record of projects, opened when first asked for. */
    public Workspace(Path root, ProjectStore store, PikoConfig config, java.util.function.Supplier<ProjectRegistry> registry) {
        this.root = root;
        this.store = store;
        this.config = config;
        this.registry = registry;
    }

    /** A record that knows no project (unit tests, tools that never say whose an object is). */
    static final ProjectRegistry NO_REGISTRY = new ProjectRegistry() {
        @Override public List<Entry> projects() { return List.of(); }
        @Override public void register(String identity, Path root, String name) { }
        @Override public Optional<String> identityAt(Path root) { return Optional.empty(); }
    };

    public ProjectRegistry registry() {
        return registry.get();
    }

    /** Whose Docker objects are, for this project (see Ownership). */
    public Ownership ownership(LabelledObjects docker) {
        return new Ownership(project(), docker, registry);
    }

    public static Path stateFile(Path root) {
        return root.resolve(DIR).resolve(STATE_FILE);
    }

    /** The file the project lock is held on. */
    public static Path lockFile(Path root) {
        return root.resolve(DIR).resolve("lock");
    }

    /** The nearest directory at or above dir holding .piko/state.db (worktrees sit inside the root). */
    public static Optional<Path> findRoot(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(stateFile(d))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static Path requireRoot(Path cwd) {
        return findRoot(cwd).orElseThrow(() -> new PikoException("not a piko project: no .piko/state.db in "
                + cwd.toAbsolutePath().normalize() + " or any parent", "run piko init at the root of your repository"));
    }

    /**
     * Plans a scope's host ports and records them in the state and in the machine-wide record, so
     * the planner never picks a port that another piko project of this user holds.
     */
    public List<PortAllocation> assignPorts(String scope, ProjectStore.PortPlanner planner) {
        return store.assignPorts(scope, planner);
    }

    /** The environment whose worktree contains dir, if any. */
    public Optional<String> environmentAt(Path dir) {
        return environmentAt(project().worktreesDir(), dir);
    }

    /** The environment whose worktree, under worktrees, contains dir, if any. */
    public static Optional<String> environmentAt(Path worktrees, Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (d.startsWith(worktrees) && d.getNameCount() > worktrees.getNameCount()) {
            return Optional.of(d.getName(worktrees.getNameCount()).toString());
        }
        return Optional.empty();
    }

    /** The compose files of the root, for messages: "compose.yaml, compose.override.yaml". */
    public String composeFile() {
        return composeFiles(root).describe();
    }

    /** The files compose loads in a folder (the root or a worktree), and its COMPOSE_* settings there. */
    public ComposeFiles composeFiles(Path dir) {
        return ComposeFiles.in(dir, config.compose(), System.getenv());
    }

    public Path root() {
        return root;
    }

    public ProjectStore store() {
        return store;
    }

    public Project project() {
        return store.project();
    }

    public PikoConfig config() {
        return config;
    }

    @Override
    public void close() {
        store.close();
    }
}
