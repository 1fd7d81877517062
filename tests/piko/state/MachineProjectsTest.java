package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.core.ProjectRegistry.Entry;
import piko.model.PortAllocation;

/** The machine-wide record of projects: one entry per identity and per folder; moves carry the port claims. */
class MachineProjectsTest {
    @TempDir
    Path dir;

    private Path project(String name, String identity) throws Exception {
        Path root = dir.resolve(name);
        Files.createDirectories(root);
        ProjectState.create(root.resolve(".piko/state.db"), name, root, "compose.yaml", identity);
        return root;
    }

    @Test
    void recordsEachCheckoutOnceAndFollowsAMove() throws Exception {
        Path a = project("a", "aaaa000000000000");
        Path b = project("b", "bbbb000000000000");
        Path db = dir.resolve("machine.db");
        try (MachineProjects m = MachineProjects.open(db); MachinePorts ports = MachinePorts.open(db)) {
            m.register("aaaa000000000000", a, "shop");
            m.register("bbbb000000000000", b, "shop2");
            ports.claim(a, "e1", List.of("e1"), others -> List.of(new PortAllocation("e1", "redis", 6379, "tcp", 10179)));
            assertEquals(List.of(new Entry("aaaa000000000000", a, "shop"), new Entry("bbbb000000000000", b, "shop2")), m.projects());

            Path moved = dir.resolve("elsewhere/a");
            Files.createDirectories(moved.getParent());
            Files.move(a, moved);
            m.register("aaaa000000000000", moved, "shop");
            assertEquals(Optional.of(new Entry("aaaa000000000000", moved, "shop")), m.byIdentity("aaaa000000000000"));
            assertEquals(2, m.projects().size(), "the old folder's entry went with the move");
            assertEquals(Set.of(10179), ports.portsOf(moved), "the port claims moved with the project");
            assertTrue(ports.portsOf(a).isEmpty());
        }
    }

    @Test
    void aFolderInitialisedAgainGetsOneEntryAndAGoneFolderIsDropped() throws Exception {
        Path a = project("a", "aaaa000000000000");
        Path b = project("b", "bbbb000000000000");
        try (MachineProjects m = MachineProjects.open(dir.resolve("machine.db"))) {
            m.register("aaaa000000000000", a, "shop");
            m.register("cccc000000000000", a, "shop");
            assertEquals(List.of(new Entry("cccc000000000000", a, "shop")), m.projects());
            Files.walk(b).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            m.register("dddd000000000000", dir.resolve("a"), "shop");
            assertEquals(List.of("dddd000000000000"), m.projects().stream().map(Entry::identity).toList());
        }
    }

    @Test
    void readsAnotherStatesIdentityWithoutChangingIt() throws Exception {
        Path a = project("a", "aaaa000000000000");
        Path state = a.resolve(".piko/state.db");
        long modified = Files.getLastModifiedTime(state).toMillis();
        try (MachineProjects m = MachineProjects.open(dir.resolve("machine.db"))) {
            assertEquals(Optional.of("aaaa000000000000"), m.identityAt(a));
            assertEquals(Optional.empty(), m.identityAt(dir.resolve("nothing")));
        }
        assertEquals(modified, Files.getLastModifiedTime(state).toMillis());
    }
}
