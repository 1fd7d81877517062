package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;
import piko.model.PortAllocation;
import piko.model.PortRequest;

class PortPlanTest {
    private static final PortPlan SLOT_1 = new PortPlan(10000, 100, 1);

    private static Map<String, Integer> byKey(List<PortAllocation> ports) {
        return ports.stream().collect(Collectors.toMap(p -> p.service() + ":" + p.target(), PortAllocation::hostPort));
    }

    @Test
    void prefersTheLastTwoDigitsOfTheTargetInsideTheSlotsBlock() {
        var ports = byKey(SLOT_1.allocate("a", List.of(new PortRequest("db", 5432, "tcp"),
                new PortRequest("web", 8080, "tcp")), Map.of(), Set.of(), p -> true));
        assertEquals(10132, ports.get("db:5432"));
        assertEquals(10180, ports.get("web:8080"));
    }

    @Test
    void targetsWithTheSameLastTwoDigitsDoNotCollide() {
        var ports = byKey(SLOT_1.allocate("a", List.of(new PortRequest("db", 5432, "tcp"),
                new PortRequest("db", 15432, "tcp"), new PortRequest("other", 6632, "tcp")), Map.of(), Set.of(), p -> true));
        assertEquals(3, new HashSet<>(ports.values()).size(), ports.toString());
        ports.values().forEach(p -> assertEquals(1, (p - 10000) / 100, "stays in slot 1's block: " + p));
    }

    @Test
    void isDeterministicWhateverTheOrderOfRequests() {
        var a = SLOT_1.allocate("a", List.of(new PortRequest("x", 80, "tcp"), new PortRequest("y", 180, "tcp")),
                Map.of(), Set.of(), p -> true);
        var b = SLOT_1.allocate("a", List.of(new PortRequest("y", 180, "tcp"), new PortRequest("x", 80, "tcp")),
                Map.of(), Set.of(), p -> true);
        assertEquals(byKey(a), byKey(b));
    }

    @Test
    void keepsExistingAllocationsEvenWhenTheHostPortIsNowBusy() {
        PortRequest db = new PortRequest("db", 5432, "tcp");
        var ports = SLOT_1.allocate("a", List.of(db), Map.of(db, 10177), Set.of(), p -> false);
        assertEquals(10177, ports.get(0).hostPort());
    }

    @Test
    void skipsPortsBusyOnTheHostOrHeldByAnotherScope() {
        var ports = SLOT_1.allocate("a", List.of(new PortRequest("db", 5432, "tcp")), Map.of(),
                Set.of(10132), p -> p != 10133);
        assertEquals(10134, ports.get(0).hostPort());
    }

    @Test
    void differentSlotsNeverShareAPort() {
        Set<Integer> seen = new HashSet<>();
        for (int slot = 0; slot < 5; slot++) {
            var ports = new PortPlan(10000, 100, slot).allocate("e" + slot,
                    List.of(new PortRequest("db", 5432, "tcp"), new PortRequest("web", 80, "tcp")), Map.of(), Set.of(), p -> true);
            ports.forEach(p -> assertEquals(true, seen.add(p.hostPort()), "duplicate " + p));
        }
        assertEquals(10, seen.size());
    }

    @Test
    void failsClearlyWhenTheBlockIsFull() {
        var requests = new java.util.ArrayList<PortRequest>();
        for (int i = 0; i < 11; i++) requests.add(new PortRequest("s" + i, 1000 + i, "tcp"));
        PikoException e = assertThrows(PikoException.class,
                () -> new PortPlan(10000, 10, 1).allocate("a", requests, Map.of(), Set.of(), p -> true));
        assertEquals(true, e.getMessage().contains("no free host port"), e.getMessage());
    }

    @Test
    void dropsAllocationsOfPortsNoLongerRequested() {
        PortRequest old = new PortRequest("gone", 1, "tcp");
        PortRequest kept = new PortRequest("db", 5432, "tcp");
        Map<PortRequest, Integer> existing = new HashMap<>(Map.of(old, 10101, kept, 10132));
        var ports = SLOT_1.allocate("a", List.of(kept), existing, Set.of(), p -> true);
        assertEquals(1, ports.size());
        assertNotEquals("gone", ports.get(0).service());
    }

    @Test
    void rePlansAnExistingPortOutsideTheBlockOrRefusedByKeep() {
        PortRequest db = new PortRequest("db", 5432, "tcp");
        var moved = SLOT_1.allocate("a", List.of(db), Map.of(db, 20132), Set.of(), p -> true, p -> true);
        assertEquals(10132, moved.get(0).hostPort(), "ports.base changed: the old port is outside the block");
        var busy = SLOT_1.allocate("a", List.of(db), Map.of(db, 10132), Set.of(), p -> p != 10132, p -> false);
        assertEquals(10133, busy.get(0).hostPort(), "a busy kept port is re-planned to a free one");
        var taken = SLOT_1.allocate("a", List.of(db), Map.of(db, 10132), Set.of(10132), p -> true, p -> true);
        assertEquals(10133, taken.get(0).hostPort(), "another project holds it now");
    }
}
