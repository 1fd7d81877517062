package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Networks get their subnets from piko's own pool (here a small one of eight /27s, apart from every
 * other test run's), avoid a subnet Docker refuses, and an exhausted pool fails create cleanly.
 */
class SubnetsIT extends DockerRequired {
    static final String FRONT_AND_BACK = """
            services:
              proxy:
                image: piko-test/busybox:1
                command: ["sleep", "3600"]
                stop_grace_period: 1s
                networks: [front]
              api:
                image: piko-test/busybox:1
                command: ["sleep", "3600"]
                stop_grace_period: 1s
                networks: [front, back]
            networks:
              front: {}
              back: {}
            """;

    private static String subnet(String network) {
        return DockerOracle.client().inspectNetworkCmd().withNetworkId(network).exec().getIpam().getConfig().get(0).getSubnet();
    }

    @Test
    void eachNetworkTakesItsOwnSubnetFromThePoolAroundRefusedOnesUntilThePoolIsFull() throws Exception {
        int third = 100 + new java.util.Random().nextInt(150);
        String pool = "10.213." + third + ".";
        Map<String, String> env = Map.of("PIKO_SUBNET_POOL", pool + "0/24", "PIKO_SUBNET_SIZE", "27");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) all.add(pool + (32 * i) + "/27");
        List<String> blockers = new ArrayList<>();
        try (TestProject p = TestProject.initialised(FRONT_AND_BACK)) {
            p.pikoAt(p.root, env, "create", "e1").ok();
            List<String> e1 = List.of(subnet(p.composeProject("e1") + "_front"), subnet(p.composeProject("e1") + "_back"));
            assertTrue(all.containsAll(e1) && !e1.get(0).equals(e1.get(1)), e1.toString());

            // Networks without a bridge address have no host route: only Docker knows them, and refuses
            // their subnets. Of the six left, all but the first and the fourth are taken that way, so
            // whichever two neighbours e2 plans first, Docker refuses one, and e2 ends on the two free.
            List<String> free = new ArrayList<>(all);
            free.removeAll(e1);
            List<String> open = List.of(free.get(0), free.get(3));
            for (String s : free) {
                if (open.contains(s)) continue;
                String name = "piko-it-blocker-" + third + "-" + blockers.size();
                TestProject.docker("network", "create", "--subnet", s, "-o", "com.docker.network.bridge.inhibit_ipv4=true", name).ok();
                blockers.add(name);
            }
            Run e2 = p.pikoAt(p.root, env, "create", "e2").ok();
            assertEquals(Set.copyOf(open), Set.of(subnet(p.composeProject("e2") + "_back"), subnet(p.composeProject("e2") + "_front")),
                    "e2 avoids the refused subnets\n" + e2.describe());
            assertTrue(e2.err().contains("Pool overlaps"), "Docker did refuse one\n" + e2.describe());

            p.pikoAt(p.root, env, "up", "e1").ok();
            assertEquals(e1, List.of(subnet(p.composeProject("e1") + "_front"), subnet(p.composeProject("e1") + "_back")),
                    "up keeps the subnets");

            Run full = p.pikoAt(p.root, env, "create", "e3").fails("all 8 subnets of piko's pool " + pool + "0/24 (/27 each)"
                    + " are in use, 4 by piko's networks and 4 by other Docker networks or host routes");
            assertTrue(full.err().contains("hint: widen the pool") && full.err().contains("PIKO_SUBNET_POOL="), full.describe());
            assertEquals(1, full.err().lines().filter(l -> l.startsWith("error:")).count(), full.describe());
            assertFalse(DockerOracle.networkExists(p.composeProject("e3") + "_front"));
            assertFalse(DockerOracle.networkExists(p.composeProject("e3") + "_back"));
            assertFalse(Files.exists(p.worktree("e3")));
            blockers.forEach(b -> assertTrue(DockerOracle.networkExists(b), "piko removes nothing it did not make"));

            p.pikoAt(p.root, env, "destroy", "e2").ok();
            p.pikoAt(p.root, env, "create", "e3").ok();
            assertEquals(Set.copyOf(open), Set.of(subnet(p.composeProject("e3") + "_back"), subnet(p.composeProject("e3") + "_front")),
                    "destroy gave e2's subnets back");
        } finally {
            blockers.forEach(b -> TestProject.docker("network", "rm", b));
        }
    }

    /**
     * A network that enables IPv6 (with the IPv6 subnet the file pins, which every environment would
     * share) gets an IPv6 subnet of its own from piko's unique local range, beside its IPv4 one, in
     * each environment; the services reach each other over IPv6 by name.
     */
    @Test
    void aNetworkThatEnablesIpv6GetsItsOwnIpv6SubnetInEachEnvironment() throws Exception {
        try (TestProject p = TestProject.initialised("""
                services:
                  web:
                    image: piko-test/busybox:1
                    command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"]
                    stop_signal: SIGKILL
                  cli:
                    image: piko-test/busybox:1
                    command: ["sleep", "3600"]
                    stop_signal: SIGKILL
                networks:
                  default:
                    enable_ipv6: true
                    ipam:
                      config:
                        - subnet: fd00:dead::/64
                """)) {
            p.piko("create", "e1").ok();
            p.piko("create", "e2").ok();
            Set<String> v6 = new java.util.HashSet<>();
            for (String env : List.of("e1", "e2")) {
                String network = p.composeProject(env);
                List<String> subnets = DockerOracle.client().inspectNetworkCmd().withNetworkId(network).exec().getIpam().getConfig()
                        .stream().map(c -> c.getSubnet()).toList();
                assertEquals(2, subnets.size(), subnets.toString());
                byte[] v4 = java.net.InetAddress.getByName(subnets.get(0).replaceAll("/.*", "")).getAddress();
                byte[] expected = java.net.InetAddress.getByName(String.format("fd70:696b:%02x%02x:%02x%02x::",
                        v4[0], v4[1], v4[2], v4[3])).getAddress();
                assertEquals(java.net.InetAddress.getByAddress(expected).getHostAddress() + "/64",
                        java.net.InetAddress.getByName(subnets.get(1).replaceAll("/.*", "")).getHostAddress() + "/"
                                + subnets.get(1).replaceAll(".*/", ""), "the /64 of piko's range that carries the IPv4 subnet's address");
                v6.add(subnets.get(1));
                String ping = TestProject.docker("exec", network + "-cli-1", "ping", "-6", "-c", "1", "web").ok().out();
                java.util.regex.Matcher from = java.util.regex.Pattern.compile("bytes from ([0-9a-f:]+):").matcher(ping);
                assertTrue(from.find(), ping);
                assertEquals(java.util.HexFormat.of().formatHex(expected, 0, 8),
                        java.util.HexFormat.of().formatHex(java.net.InetAddress.getByName(from.group(1)).getAddress(), 0, 8),
                        "web answers on its address in that subnet: " + ping);
            }
            assertEquals(2, v6.size(), "each environment its own: " + v6);
        }
    }
}
