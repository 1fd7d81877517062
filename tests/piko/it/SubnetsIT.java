package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void eachNetworkTakesItsOwnSubnetFromThePoolAroundARefusedOneUntilThePoolIsFull() throws Exception {
        int third = 100 + new java.util.Random().nextInt(150);
        String pool = "10.213." + third + ".";
        Map<String, String> env = Map.of("PIKO_SUBNET_POOL", pool + "0/24", "PIKO_SUBNET_SIZE", "27");
        String blocker = "piko-it-blocker-" + third;
        try (TestProject p = TestProject.initialised(FRONT_AND_BACK)) {
            p.pikoAt(p.root, env, "create", "e1").ok();
            assertEquals(pool + "32/27", subnet(p.composeProject("e1") + "_front"));
            assertEquals(pool + "0/27", subnet(p.composeProject("e1") + "_back"));

            // a network with no bridge address has no host route: only Docker knows it, and refuses
            TestProject.docker("network", "create", "--subnet", pool + "64/27",
                    "-o", "com.docker.network.bridge.inhibit_ipv4=true", blocker).ok();
            Run e2 = p.pikoAt(p.root, env, "create", "e2").ok();
            List<String> e2Subnets = List.of(subnet(p.composeProject("e2") + "_back"), subnet(p.composeProject("e2") + "_front"));
            assertEquals(List.of(pool + "128/27", pool + "96/27"), e2Subnets, "back avoids the refused subnet\n" + e2.describe());

            p.pikoAt(p.root, env, "create", "e3").ok();
            p.pikoAt(p.root, env, "up", "e1").ok();
            assertEquals(pool + "32/27", subnet(p.composeProject("e1") + "_front"), "up keeps the subnets");

            Run full = p.pikoAt(p.root, env, "create", "e4").fails("all 8 subnets of piko's pool " + pool + "0/24");
            assertTrue(full.err().contains("hint: widen the pool") && full.err().contains("PIKO_SUBNET_POOL="), full.describe());
            assertEquals(1, full.err().lines().filter(l -> l.startsWith("error:")).count(), full.describe());
            assertFalse(DockerOracle.networkExists(p.composeProject("e4") + "_front"));
            assertFalse(DockerOracle.networkExists(p.composeProject("e4") + "_back"));
            assertFalse(Files.exists(p.worktree("e4")));
            assertTrue(DockerOracle.networkExists(blocker), "piko removes nothing it did not make");

            p.pikoAt(p.root, env, "destroy", "e3").ok();
            p.pikoAt(p.root, env, "create", "e4").ok();
            List<String> all = new ArrayList<>();
            for (String e : List.of("e1", "e2", "e4")) {
                for (String n : List.of("_front", "_back")) all.add(subnet(p.composeProject(e) + n));
            }
            assertEquals(6, all.stream().distinct().count(), all.toString());
            assertTrue(all.stream().allMatch(s -> s.startsWith(pool)), all.toString());
        } finally {
            TestProject.docker("network", "rm", blocker);
        }
    }
}
