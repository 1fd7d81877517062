package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.ContainerPort;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Six `piko create` started at once on a stack with two networks and a published port (a machine's
 * agents starting their work together): every one succeeds, and Docker holds six environments on
 * distinct host ports and twelve networks on distinct subnets of piko's pool.
 */
class ParallelCreatesIT extends DockerRequired {
    private static final int CREATES = 6;
    private static final String STACK = """
            services:
              proxy:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"]
                ports: ["8080"]
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

    @Test
    void sixCreatesAtOnceAllSucceedOnDistinctPortsAndSubnets() throws Exception {
        // a pool of sixteen /28s of this run's own, so the subnets can be checked against it
        String pool = "10.214." + (100 + new java.util.Random().nextInt(150)) + ".";
        Map<String, String> env = new HashMap<>(TestProject.MACHINE);
        env.putAll(Map.of("PIKO_SUBNET_POOL", pool + "0/24", "PIKO_SUBNET_SIZE", "28"));
        try (TestProject p = TestProject.initialised(STACK)) {
            List<Future<ProcessResult>> started = new ArrayList<>();
            for (int i = 1; i <= CREATES; i++) {
                started.add(new ProcessExecutor().command(TestProject.pikoCommand("create", "a" + i)).directory(p.root.toFile())
                        .environment(env).readOutput(true).redirectErrorStream(true).timeout(5, TimeUnit.MINUTES)
                        .start().getFuture());
            }
            for (int i = 1; i <= CREATES; i++) {
                ProcessResult r = started.get(i - 1).get();
                assertEquals(0, r.getExitValue(), "create a" + i + "\n" + r.outputUTF8());
            }

            Map<Integer, String> hostPorts = new TreeMap<>();
            Map<String, String> subnets = new TreeMap<>();
            for (int i = 1; i <= CREATES; i++) {
                String project = p.composeProject("a" + i);
                assertEquals(Set.of("proxy", "api"), CreateIT.runningServices(project), project);
                assertTrue(Files.isDirectory(p.worktree("a" + i)), "worktree of a" + i);
                for (var c : DockerOracle.containers("com.docker.compose.project", project)) {
                    for (ContainerPort port : c.getPorts()) {
                        if (port.getPublicPort() != null) {
                            String before = hostPorts.put(port.getPublicPort(), project);
                            assertTrue(before == null || before.equals(project),
                                    "host port " + port.getPublicPort() + " given to " + before + " and " + project);
                        }
                    }
                }
                for (String network : List.of(project + "_front", project + "_back")) {
                    String subnet = DockerOracle.client().inspectNetworkCmd().withNetworkId(network).exec()
                            .getIpam().getConfig().get(0).getSubnet();
                    assertTrue(subnet.startsWith(pool) && subnet.endsWith("/28"), network + " has " + subnet);
                    subnets.put(network, subnet);
                }
            }
            assertEquals(CREATES, hostPorts.size(), "one published port per environment, none twice: " + hostPorts);
            assertEquals(2 * CREATES, Set.copyOf(subnets.values()).size(), "no subnet twice: " + subnets);
            String list = p.pikoAt(p.root, env, "list").ok().out();
            assertEquals(CREATES, list.lines().filter(l -> l.matches("a\\d\\s+running.*")).count(), list);
        }
    }
}
