package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.model.Cidr;

/** The machine-wide subnet record: what one scope holds, every other sees; gone scopes and projects let go. */
class MachineSubnetsTest {
    @TempDir
    Path dir;

    private Path project(String name) throws Exception {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve(".piko"));
        Files.writeString(root.resolve(".piko/state.db"), "");
        return root;
    }

    private static Map<String, Cidr> one(String subnet) {
        return Map.of("default", Cidr.parse(subnet).orElseThrow());
    }

    @Test
    void scopesSeeEachOthersSubnetsUntilTheyAreGone() throws Exception {
        Path a = project("a");
        Path b = project("b");
        try (MachineSubnets m = MachineSubnets.open(dir.resolve("machine.db"))) {
            m.claim(a, "e1", List.of("e1"), (mine, held) -> one("10.210.0.0/24"));
            m.claim(b, "e1", List.of("e1"), (mine, held) -> {
                assertEquals(Set.of(Cidr.parse("10.210.0.0/24").orElseThrow()), held);
                return one("10.210.1.0/24");
            });
            m.claim(a, "e1", List.of("e1"), (mine, held) -> {
                assertEquals(one("10.210.0.0/24"), mine, "its own from last time");
                return mine;
            });
            m.claim(a, "e2", List.of("e2"), (mine, held) -> {
                assertEquals(Set.of(Cidr.parse("10.210.1.0/24").orElseThrow()), held, "e1 of a is destroyed");
                return one("10.210.0.0/24");
            });
            Files.delete(b.resolve(".piko/state.db"));
            m.claim(a, "e3", List.of("e2", "e3"), (mine, held) -> {
                assertEquals(Set.of(Cidr.parse("10.210.0.0/24").orElseThrow()), held, "project b is deleted");
                return Map.of();
            });
        }
    }
}
