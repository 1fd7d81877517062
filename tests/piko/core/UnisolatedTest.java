package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import piko.model.ComposeModel;
import piko.model.PortAllocation;

/** From real `docker compose config --format json` output of tests/fixtures/unisolated (project dir /tmp/cx). */
class UnisolatedTest {
    static ComposeModel fixture() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir"));
        Path json = Files.exists(dir.resolve("tests/fixtures/unisolated/config.json"))
                ? dir.resolve("tests/fixtures/unisolated/config.json") : dir.resolve("fixtures/unisolated/config.json");
        return ComposeModel.parse(Files.readString(json));
    }

    @Test
    void namesEachServiceAndReason() throws Exception {
        List<String> w = Unisolated.warnings(fixture(), Path.of("/tmp/cx"));
        assertEquals(7, w.size(), String.join("\n", w));
        assertTrue(w.get(0).startsWith("a uses network_mode: host"), w.get(0));
        assertTrue(w.get(1).startsWith("b mounts the Docker socket (/var/run/docker.sock)"), w.get(1));
        assertTrue(w.get(2).startsWith("b mounts /root/x from outside the worktree at /x"), w.get(2));
        assertTrue(w.get(3).startsWith("b pins ipv4_address 172.28.5.4 on network back: dropped"), w.get(3));
        assertEquals("c runs privileged: it reaches the host's devices and every environment's containers", w.get(4));
        assertEquals("c uses pid: host: it sees and can signal every process of the host, every environment's too", w.get(5));
        assertTrue(w.get(6).startsWith("network back pins subnet 172.28.0.0/16: dropped"), w.get(6));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOverrideDropsTheFixedSubnetAndAddressButKeepsAliases() throws Exception {
        List<PortAllocation> ports = List.of(8000, 8001, 8002).stream()
                .map(t -> new PortAllocation("e", "b", t, "tcp", 10000 + t)).collect(java.util.stream.Collectors.toList());
        ports.add(new PortAllocation("e", "b", 53, "tcp", 10053));
        ports.add(new PortAllocation("e", "b", 53, "udp", 10054));
        String text = OverrideFile.render(fixture(), OverrideFileTest.DEMO, "e", ports, Set.of());
        assertTrue(text.contains("ipv4_address: !reset null"), text);
        assertTrue(text.contains("ipam: !reset {}"), text);
        Map<String, Object> o = OverrideFileTest.load(text);
        Map<String, Object> b = (Map<String, Object>) ((Map<String, Object>) o.get("services")).get("b");
        assertEquals(Set.of("back"), ((Map<String, Object>) b.get("networks")).keySet());
        assertEquals(5, ((List<Object>) b.get("ports")).size());
    }
}
