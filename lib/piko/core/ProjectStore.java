package piko.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.PortRequest;
import piko.model.Project;

/** The state of one project, as core uses it; piko.state implements it over SQLite, the flow tests in memory. */
public interface ProjectStore extends AutoCloseable {
    Project project();

    /** The project folder moved (with its .piko): its root and the environments' paths inside it. */
    void relocate(Path root);

    List<Environment> environments();

    Optional<Environment> environment(String name);

    /** Claims a name and a port slot atomically; empty when the name is taken. */
    Optional<Environment> reserveEnvironment(String name, String branch, boolean createdBranch, Path path, int maxSlots);

    void updateEnvironment(String name, String phase, List<String> services, String composeHash);

    /** Records an environment found in Docker (doctor --fix), ready, with the ports its containers hold. */
    Environment adoptEnvironment(String name, String branch, Path path, int slot, List<String> services,
                                 List<PortAllocation> ports);

    /** Forgets an environment and its port allocations. */
    void deleteEnvironment(String name);

    /** Writes down, before it runs, a step create takes (so destroy can undo it after a crash). */
    void recordCreateStep(String name, String step);

    /** The steps an environment's create recorded, oldest first. */
    List<String> createSteps(String name);

    /** A command that has not ended (share, isolate, destroy, down --shared), and the steps it began, oldest first. */
    record JournalEntry(String command, String subject, List<String> steps) {
    }

    /** Writes down, before it runs, a step a command takes (so doctor can finish or undo it after a crash). */
    void recordJournalStep(String command, String subject, String step);

    /** The command ended (done, or undone): its journal goes. */
    void clearJournal(String command, String subject);

    List<JournalEntry> journal();

    List<PortAllocation> ports(String scope);

    List<PortAllocation> allPorts();

    /** What a port planner needs: this scope's current ports, and every host port other scopes hold. */
    interface PortPlanner {
        List<PortAllocation> plan(Map<PortRequest, Integer> existing, Set<Integer> takenElsewhere);
    }

    /** Replaces a scope's allocations with the planner's answer, atomically. */
    List<PortAllocation> assignPorts(String scope, PortPlanner planner);

    /** What a subnet planner needs: this scope's subnets by network, and every subnet held elsewhere. */
    interface SubnetPlanner {
        Map<String, piko.model.Cidr> plan(Map<String, piko.model.Cidr> existing, Set<piko.model.Cidr> heldElsewhere);
    }

    /** Replaces a scope's subnets (network key to subnet) with the planner's answer, machine-wide and atomically. */
    Map<String, piko.model.Cidr> assignSubnets(String scope, SubnetPlanner planner);

    List<String> sharedServices();

    /** Makes the shared list hold exactly these services; says which were added and removed. Writes nothing when in sync. */
    SharedDeclaration.Change replaceSharedServices(List<String> services, String network);

    void setSharedContainer(String service, String containerName);

    void addConsumer(Environment env, List<String> services);

    /** Environment name to the shared services it uses. */
    Map<String, List<String>> consumers();

    @Override
    void close();
}
