package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.model.PortAllocation;

/** The machine-wide record: a project never plans a port another project of the user holds. */
class MachinePortsTest {
    @TempDir
    Path dir;

    private Path project(String name) throws Exception {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve(".piko"));
        Files.writeString(root.resolve(".piko/state.db"), "");
        return root;
    }

    private static List<PortAllocation> one(String scope, int port) {
        return List.of(new PortAllocation(scope, "redis", 6379, "tcp", port));
    }

    @Test
    void aSecondProjectSeesThePortsOfTheFirst() throws Exception {
        Path a = project("a");
        Path b = project("b");
        try (MachinePorts m = MachinePorts.open(dir.resolve("machine.db"))) {
            m.claim(a, "e1", List.of("e1"), others -> one("e1", 10179));
            m.claim(b, "e1", List.of("e1"), others -> {
                assertEquals(Set.of(10179), others);
                return one("e1", 10180);
            });
            m.claim(a, "e2", List.of("e1", "e2"), others -> {
                assertEquals(Set.of(10180), others, "a project's own ports are its state's business");
                return one("e2", 10279);
            });
            assertEquals(Set.of(10179, 10279), m.portsOf(a));
        }
    }

    @Test
    void claimsOfDestroyedEnvironmentsAndDeletedProjectsAreDropped() throws Exception {
        Path a = project("a");
        Path b = project("b");
        try (MachinePorts m = MachinePorts.open(dir.resolve("machine.db"))) {
            m.claim(a, "e1", List.of("e1"), others -> one("e1", 10179));
            m.claim(a, "e2", List.of("e1", "e2"), others -> one("e2", 10279));
            m.claim(b, "x", List.of("x"), others -> one("x", 10379));
            m.claim(a, "e3", List.of("e2", "e3"), others -> one("e3", 10479));
            assertEquals(Set.of(10279, 10479), m.portsOf(a), "e1 was destroyed");
            Files.delete(b.resolve(".piko/state.db"));
            m.claim(a, "e3", List.of("e2", "e3"), others -> {
                assertTrue(others.isEmpty(), "project b is gone: " + others);
                return one("e3", 10479);
            });
        }
    }
}
