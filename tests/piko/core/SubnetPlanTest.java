package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;
import piko.model.Cidr;

/** Subnets from piko's pool: kept while they fit, never over another scope, a route or a Docker network. */
class SubnetPlanTest {
    private static Cidr c(String text) {
        return Cidr.parse(text).orElseThrow();
    }

    private final SubnetPlan plan = new SubnetPlan(SubnetPool.DEFAULT, "e1", 0);

    @Test
    void cidrsParseAndOverlap() {
        assertEquals("10.210.3.0/24", c("10.210.3.77/24").toString());
        assertTrue(c("10.0.0.0/8").overlaps(c("10.210.3.0/24")));
        assertTrue(!c("10.210.3.0/24").overlaps(c("10.210.4.0/24")));
        assertTrue(Cidr.parse("fd00::/64").isEmpty());
        assertEquals(256, SubnetPool.DEFAULT.count());
    }

    @Test
    void picksTheFirstFreeSubnetsAroundWhatOthersHold() {
        Map<String, Cidr> got = plan.plan(List.of("front", "back"), Map.of(), Set.of(c("10.210.0.0/24")),
                List.of(c("10.210.1.0/24"), c("0.0.0.0/0")), List.of(c("10.210.2.0/23")));
        assertEquals(Map.of("back", c("10.210.4.0/24"), "front", c("10.210.5.0/24")), got);
    }

    @Test
    void theSeedPicksWhereInThePoolTheSearchStarts() {
        assertEquals(Map.of("default", c("10.210.9.0/24")),
                new SubnetPlan(SubnetPool.DEFAULT, "e1", 256 + 8).plan(List.of("default"), Map.of(), Set.of(c("10.210.8.0/24")),
                        List.of(), List.of()));
        assertEquals(Map.of("default", c("10.210.0.0/24")),
                new SubnetPlan(SubnetPool.DEFAULT, "e1", -1).plan(List.of("default"), Map.of(), Set.of(c("10.210.255.0/24")),
                        List.of(), List.of()), "it wraps around");
    }

    @Test
    void keepsItsOwnSubnetsEvenWhenTheirBridgesAreRoutes() {
        Map<String, Cidr> mine = Map.of("default", c("10.210.9.0/24"));
        assertEquals(mine, plan.plan(List.of("default"), mine, Set.of(), List.of(c("10.210.9.0/24")), List.of()));
    }

    @Test
    void replansASubnetDockerHoldsOrOutsideThePool() {
        Map<String, Cidr> mine = Map.of("default", c("10.210.9.0/24"), "back", c("192.168.0.0/24"));
        Map<String, Cidr> got = plan.plan(List.of("default", "back"), mine, Set.of(), List.of(), List.of(c("10.210.9.0/24")));
        assertEquals(Map.of("back", c("10.210.0.0/24"), "default", c("10.210.1.0/24")), got);
    }

    @Test
    void anExhaustedPoolSaysHowManyAreTakenAndHowToWidenIt() {
        SubnetPool tiny = SubnetPool.fromEnvironment(Map.of("PIKO_SUBNET_POOL", "10.211.0.0/24", "PIKO_SUBNET_SIZE", "26")::get);
        PikoException e = assertThrows(PikoException.class, () -> new SubnetPlan(tiny, "e3", 0).plan(List.of("default"), Map.of(),
                Set.of(c("10.211.0.0/25"), c("10.211.0.128/26")), List.of(c("10.211.0.192/27")), List.of()));
        assertEquals("no free subnet for network default of e3: all 4 subnets of piko's pool 10.211.0.0/24 (/26 each)"
                + " are in use, 3 by piko's networks and 1 by other Docker networks or host routes", e.getMessage());
        assertTrue(e.hint().contains("PIKO_SUBNET_POOL=10.211.0.0/22"), e.hint());
    }

    @Test
    void aWrongPoolSettingIsAUsageError() {
        PikoException e = assertThrows(PikoException.class,
                () -> SubnetPool.fromEnvironment(Map.of("PIKO_SUBNET_POOL", "10.211.0.0/24", "PIKO_SUBNET_SIZE", "20")::get));
        assertEquals(2, e.exitCode());
        assertThrows(PikoException.class, () -> SubnetPool.fromEnvironment(Map.of("PIKO_SUBNET_POOL", "nope")::get));
    }

    /** A network that enables IPv6 gets the /64 of piko's unique local /32 that carries its IPv4 subnet's address. */
    @Test
    void anIpv6SubnetCarriesTheIpv4SubnetsAddressInPikosUniqueLocalRange() {
        java.util.function.Function<String, java.util.Optional<Ipv6Pool>> pool = v -> Ipv6Pool.fromEnvironment(
                v == null ? k -> null : Map.of("PIKO_SUBNET6_POOL", v)::get);
        assertEquals("fd70:696b:ad2:300::/64", pool.apply(null).orElseThrow().subnetFor(c("10.210.3.0/24")));
        assertEquals("fd70:696b:ad5:720::/64", pool.apply(null).orElseThrow().subnetFor(c("10.213.7.32/27")),
                "subnets of one /24 get /64s of their own");
        assertEquals("fd70:696b::/64", pool.apply(null).orElseThrow().subnetFor(c("0.0.0.0/24")), "written as Docker writes it");
        assertEquals("fd12:3400:a00::/64", pool.apply("fd12:3456::/24").orElseThrow().subnetFor(c("10.0.0.0/24")),
                "the bits past the range's prefix are the IPv4 address's");
        assertEquals(java.util.Optional.empty(), pool.apply("off"), "Docker's own pools");
        for (String wrong : List.of("2001:db8::/32", "fd00::/48", "10.0.0.0/8", "nope", "fd00::")) {
            PikoException e = assertThrows(PikoException.class, () -> pool.apply(wrong), wrong);
            assertEquals(2, e.exitCode());
            assertTrue(e.hint().contains("fd70:696b::/32"), e.hint());
        }
    }
}
