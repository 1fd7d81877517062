package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import piko.config.PikoConfig;
import piko.error.PikoException;
import piko.model.Project;
import piko.state.MachinePorts;
import piko.state.Store;
import piko.model.PortAllocation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An initialised piko project as found on disk: its root, state and piko.yaml. */
public final class Workspace implements AutoCloseable {
    public static final String DIR = ".piko";
    public static final String STATE_FILE = "state.db";

    private final Path root;
    private final Store store;
    private final Project project;
    private final PikoConfig config;
    private MachinePorts machinePorts;

    private Workspace(Path root, Store store, Project project, PikoConfig config) {
        this.root = root;
        this.store = store;
        this.project = project;
        this.config = config;
    }

    public static Path stateFile(Path root) {
        return root.resolve(DIR).resolve(STATE_FILE);
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

    public static Workspace open(Path cwd) {
        Path root = findRoot(cwd).orElseThrow(() -> new PikoException("not a piko project: no .piko/state.db in "
                + cwd.toAbsolutePath().normalize() + " or any parent", "run piko init at the root of your repository"));
        PikoConfig config = PikoConfig.load(root);
        Store store = Store.open(stateFile(root));
        Project project = store.project().orElseThrow(() -> {
            store.close();
            return new PikoException("the piko state in " + root + " has no project", "remove .piko and run piko init");
        });
        return new Workspace(root, store, project, config);
    }

    /**
     * Plans a scope's host ports and records them in the state and in the machine-wide record, so
     * the planner never picks a port that another piko project of this user holds.
     */
    public List<PortAllocation> assignPorts(String scope, Store.PortPlanner planner) {
        return machinePorts().claim(root, scope, store.portScopes(project), others ->
                store.assignPorts(project, scope, (existing, taken) -> {
                    Set<Integer> all = new HashSet<>(taken);
                    all.addAll(others);
                    return planner.plan(existing, all);
                }));
    }

    /** The machine-wide port record, opened on first use (commands that plan no port never open it). */
    public MachinePorts machinePorts() {
        if (machinePorts == null) {
            machinePorts = MachinePorts.open(MachinePorts.defaultFile());
        }
        return machinePorts;
    }

    /** The environment whose worktree contains dir, if any. */
    public Optional<String> environmentAt(Path dir) {
        Path wt = project.worktreesDir();
        Path d = dir.toAbsolutePath().normalize();
        if (d.startsWith(wt) && d.getNameCount() > wt.getNameCount()) {
            return Optional.of(d.getName(wt.getNameCount()).toString());
        }
        return Optional.empty();
    }

    /** The compose file's path relative to the root (and to every worktree). */
    public String composeFile() {
        return config.compose() != null ? config.compose() : project.composeFile();
    }

    public Path root() {
        return root;
    }

    public Store store() {
        return store;
    }

    public Project project() {
        return project;
    }

    public PikoConfig config() {
        return config;
    }

    @Override
    public void close() {
        store.close();
        if (machinePorts != null) {
            machinePorts.close();
        }
    }
}
