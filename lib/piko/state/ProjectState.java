package piko.state;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import piko.core.ProjectStore;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.Project;

/** The SQLite store bound to its one project: what core sees as its ProjectStore. */
public final class ProjectState implements ProjectStore {
    private final Store store;
    private Project project;
    private MachinePorts machinePorts;
    private MachineSubnets machineSubnets;

    public ProjectState(Store store, Project project) {
        this.store = store;
        this.project = project;
    }

    /** The machine-wide port record, opened on first use (commands that plan no port never open it). */
    public MachinePorts machinePorts() {
        if (machinePorts == null) {
            machinePorts = MachinePorts.open(MachinePorts.defaultFile());
        }
        return machinePorts;
    }

    /** Opens the state of an initialised project. */
    public static ProjectState open(Path file, Path root) {
        String empty = LostState.emptiness(file);
        if (empty != null) {
            throw LostState.error(file, root, empty);  // read as it is: opening would write a schema into it
        }
        Store store = Store.open(file);
        Project project = store.project().orElseThrow(() -> {
            store.close();
            return LostState.error(file, root, "has a schema but no project");
        });
        return new ProjectState(store, project);
    }

    /** The project setup's access to new state files. */
    public static final piko.core.ProjectSetup.StateCreator CREATOR = new piko.core.ProjectSetup.StateCreator() {
        @Override
        public Optional<Project> create(Path stateFile, String name, Path root, String composeFile, String identity) {
            return ProjectState.create(stateFile, name, root, composeFile, identity);
        }

        @Override
        public void check(Path stateFile) {
            Store.open(stateFile).close();
        }

        @Override
        public Optional<Path> moveAsideIfLost(Path stateFile) {
            return LostState.isLost(stateFile) ? Optional.of(LostState.moveAside(stateFile)) : Optional.empty();
        }
    };

    /** Records a new project in a new state file; empty when one is recorded already. */
    public static Optional<Project> create(Path file, String name, Path root, String composeFile, String identity) {
        try (Store store = Store.open(file)) {
            return store.insertProjectIfAbsent(name, root, composeFile, identity);
        }
    }

    @Override public Project project() { return project; }

    @Override
    public void relocate(Path root) {
        store.relocate(project, root);
        project = store.project().orElseThrow();
    }
    @Override public List<Environment> environments() { return store.environments(project); }
    @Override public Optional<Environment> environment(String name) { return store.environment(project, name); }

    @Override
    public Optional<Environment> reserveEnvironment(String name, String branch, boolean createdBranch, Path path, int maxSlots) {
        return store.reserveEnvironment(project, name, branch, createdBranch, path, maxSlots);
    }

    @Override
    public void updateEnvironment(String name, String phase, List<String> services, String composeHash) {
        store.updateEnvironment(project, name, phase, services, composeHash);
    }

    @Override public void deleteEnvironment(String name) { store.deleteEnvironment(project, name); }
    @Override public void recordCreateStep(String name, String step) { store.recordCreateStep(project, name, step); }
    @Override public List<String> createSteps(String name) { return store.createSteps(project, name); }
    @Override public void recordJournalStep(String command, String subject, String step) {
        store.recordJournalStep(project, command, subject, step);
    }
    @Override public void clearJournal(String command, String subject) { store.clearJournal(project, command, subject); }
    @Override public List<JournalEntry> journal() { return store.journal(project); }
    @Override public List<PortAllocation> ports(String scope) { return store.ports(project, scope); }
    @Override public List<PortAllocation> allPorts() { return store.allPorts(project); }

    /** Plans in the state and in the machine-wide record: no port another piko project of this user holds. */
    @Override
    public List<PortAllocation> assignPorts(String scope, PortPlanner planner) {
        return machinePorts().claim(project.root(), scope, store.portScopes(project), others ->
                store.assignPorts(project, scope, (existing, taken) -> {
                    Set<Integer> all = new HashSet<>(taken);
                    all.addAll(others);
                    return planner.plan(existing, all);
                }));
    }

    /** Plans in the machine-wide record: no subnet another environment or project of this user holds. */
    @Override
    public Map<String, piko.model.Cidr> assignSubnets(String scope, SubnetPlanner planner) {
        if (machineSubnets == null) {
            machineSubnets = MachineSubnets.open(MachinePorts.defaultFile());
        }
        List<String> live = new java.util.ArrayList<>(environments().stream().map(Environment::name).toList());
        live.add(piko.core.Names.SHARED);
        return machineSubnets.claim(project.root(), scope, live, planner);
    }

    @Override
    public Environment adoptEnvironment(String name, String branch, Path path, int slot, List<String> services,
                                        List<PortAllocation> ports) {
        return store.adoptEnvironment(project, name, branch, path, slot, services, ports);
    }

    @Override public List<String> sharedServices() { return store.sharedServices(project); }

    @Override
    public piko.core.SharedDeclaration.Change replaceSharedServices(List<String> services, String network) {
        return store.replaceSharedServices(project, services, network);
    }

    @Override public void setSharedContainer(String service, String container) { store.setSharedContainer(project, service, container); }
    @Override public void addConsumer(Environment env, List<String> services) { store.addConsumer(project, env, services); }
    @Override public Map<String, List<String>> consumers() { return store.consumers(project); }
    @Override
    public void close() {
        store.close();
        if (machinePorts != null) {
            machinePorts.close();
        }
        if (machineSubnets != null) {
            machineSubnets.close();
        }
    }
}
