package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.model.Container;

/**
 * What list and status say of an environment from the containers Docker reports; StatusReport
 * takes only the ContainerInventory role, so the containers here are a plain list.
 */
class StatusReportTest {
    @TempDir
    Path root;

    /** ContainerInventory and nothing else: the containers docker ps would list. */
    private static final class ContainerList implements ContainerInventory {
        final List<Container> containers = new ArrayList<>();

        ContainerList add(String env, String service, String state, String status) {
            String project = "piko-demo-" + env;
            String name = project + "-" + service + "-1";
            containers.add(new Container(name, name, project, service, env, state, status, "demo", List.of(project)));
            return this;
        }

        @Override public List<Container> containersOfProject(String project) { return List.copyOf(containers); }
        @Override public List<Container> containersWithLabel(String label) { throw new AssertionError("not asked"); }
        @Override public Map<String, Instant> startTimes(List<String> names) { throw new AssertionError("not asked"); }
        @Override public List<String> failedServices(String p, Instant since) { throw new AssertionError("not asked"); }
        @Override public Set<Integer> publishedPorts(String p) { throw new AssertionError("not asked"); }
    }

    /** e1's status and each of its services as state/health/note. */
    private static String status(FlowFixture f, ContainerList docker) {
        StatusReport.EnvironmentStatus s = new StatusReport(f.workspace(), docker).all().get(0);
        return s.status() + " " + s.services().stream().map(x -> x.service() + "=" + x.state() + "/" + x.health() + "/" + x.note()).toList();
    }

    @Test
    void theStatusFollowsTheContainersOfTheEnvironmentAndOfTheSharedInstances() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            assertEquals("running [web=running//, redis=running/healthy/shared]", status(f, new ContainerList()
                    .add("e1", "web", "running", "Up 2 minutes").add("shared", "redis", "running", "Up 3 minutes (healthy)")));
            assertEquals("partial [web=exited//, redis=running//shared]", status(f, new ContainerList()
                    .add("e1", "web", "exited", "Exited (1) 5 seconds ago").add("shared", "redis", "running", "Up 3 minutes")));
            assertEquals("stopped [web=missing//, redis=missing//shared]", status(f, new ContainerList()));
            assertEquals("broken [web=dead//, redis=running//shared]", status(f, new ContainerList()
                    .add("e1", "web", "dead", "Dead").add("shared", "redis", "running", "Up 3 minutes")));
        }
    }
}
