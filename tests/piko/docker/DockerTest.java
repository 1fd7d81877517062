package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.model.ComposeTarget;
import piko.exec.RecordingRunner;

/** The compose version gate, fed with what real docker CLIs print in each case. */
class DockerTest {
    @Test
    void acceptsANewEnoughCompose() {
        RecordingRunner runner = new RecordingRunner(0, "2.26.1-4\n", "");
        assertEquals("2.26.1", new Docker(runner).composeVersion().toString());
        assertEquals(List.of(List.of("docker", "compose", "version", "--short")), runner.calls);
    }

    /** On a terminal compose's output goes to the user only: the failure carries what Docker recorded of it. */
    @Test
    void aStartThatFailsOnATerminalCarriesTheErrorsDockerRecorded() {
        String refused = "driver failed programming external connectivity on endpoint p-redis-1 (0f1e):"
                + " Error starting userland proxy: listen tcp4 0.0.0.0:10179: bind: address already in use";
        List<List<String>> calls = new java.util.ArrayList<>();
        ProcessRunner runner = new ProcessRunner() {
            @Override
            public int runOnStderr(Call call) {
                calls.add(call.command());
                return 1;
            }

            @Override
            public Result run(Call call) {
                calls.add(call.command());
                return new Result(0, call.command().get(1).equals("ps") ? "c1\nc2\n" : "\n" + refused + "\n", "");
            }
        };
        Docker docker = new Docker(runner).showProgress(Docker.Progress.TERMINAL, null);
        PikoException e = assertThrows(PikoException.class, () -> docker.composeUp(
                ComposeTarget.byName("p"), List.of("redis"), java.util.Map.of(), piko.core.ComposeProjects.Up.START_AND_WAIT));
        assertEquals("starting p failed (compose's output is above)\n" + refused, e.getMessage());
        assertTrue(calls.contains(List.of("docker", "inspect", "--format", "{{.State.Error}}", "c1", "c2")), calls.toString());
    }

    /**
     * On a terminal compose's words are not piko's to read: after a failed up, a missing network that
     * asks Docker's pools for a subnet is asked for once more, and Docker's refusal is the error; a
     * probe network Docker does give is removed, and the failure stays compose's.
     */
    @Test
    void aStartThatFailsOnATerminalFindsDockersAddressPoolRefusalAfterTheFact() {
        String ipv6 = "{\"name\": \"p\", \"services\": {\"web\": {\"image\": \"w\", \"networks\": {\"default\": null}}},"
                + " \"networks\": {\"default\": {\"name\": \"p\", \"enable_ipv6\": true, \"ipam\": {\"config\": [{\"subnet\":"
                + " \"10.210.4.0/24\"}]}}}}";
        String ipv4 = "{\"name\": \"p\", \"services\": {\"web\": {\"image\": \"w\", \"networks\": {\"default\": null}}},"
                + " \"networks\": {\"default\": {\"name\": \"p\"}}}";  // an override without piko's subnet (an older piko's)
        for (boolean refuses : List.of(true, false)) {
            afterTheFact(ipv6, true, refuses);
            afterTheFact(ipv4, false, refuses);
        }
    }

    private static void afterTheFact(String model, boolean v6, boolean refuses) {
        List<List<String>> calls = new java.util.ArrayList<>();
        ProcessRunner runner = new ProcessRunner() {
            @Override
            public int runOnStderr(Call call) {
                return 1;
            }

            @Override
            public Result run(Call call) {
                List<String> c = call.command();
                calls.add(c);
                if (c.contains("config")) return new Result(0, model, "");
                if (c.contains("ls")) return new Result(0, "bridge\nhost\nnone\n", "");
                if (c.contains("create")) return refuses ? new Result(1, "", "Error response from daemon: could not find an"
                        + " available, non-overlapping IPv" + (v6 ? 6 : 4) + " address pool among the defaults to assign to the network")
                        : new Result(0, "id\n", "");
                return new Result(0, "", "");
            }
        };
        Docker docker = new Docker(runner).showProgress(Docker.Progress.TERMINAL, null);
        PikoException e = assertThrows(PikoException.class, () -> docker.composeUp(
                ComposeTarget.byName("p"), List.of("web"), java.util.Map.of(), piko.core.ComposeProjects.Up.START_AND_WAIT));
        List<String> probe = calls.stream().filter(c -> c.contains("create")).findFirst().orElseThrow();
        assertEquals(v6, probe.contains("--ipv6"), "only the pool compose asked is asked: " + probe);
        assertEquals(v6, probe.contains("192.0.2.0/29"), "only the pool compose asked is asked: " + probe);
        if (refuses) {
            assertEquals(v6 ? "network p enables IPv6, and Docker has no IPv6 address pool to give it a subnet from (Docker holds 3 networks)"
                    : "Docker's default address pools have no subnet left for network p (Docker holds 3 networks)", e.getMessage());
        } else {
            assertEquals("starting p failed (compose's output is above)", e.getMessage());
            assertTrue(calls.contains(List.of("docker", "network", "rm", probe.get(probe.size() - 1))), calls.toString());
        }
    }

    @Test
    void saysWhichVersionWasFoundAndWhichIsNeeded() {
        PikoException e = assertThrows(PikoException.class,
                () -> new Docker(new RecordingRunner(0, "2.20.3\n", "")).requireCompose());
        assertEquals("Docker Compose 2.20.3 is too old: piko needs 2.26.1 or newer", e.getMessage());
        assertEquals("upgrade the Compose v2 plugin (docker compose version) to 2.26.1 or newer", e.hint());
        assertEquals(3, e.exitCode());
        // compose documents !override from 2.24.4, but piko is tested on 2.26.1 only
        assertThrows(PikoException.class, () -> new Docker(new RecordingRunner(0, "v2.26.0\n", "")).requireCompose());
        assertEquals("2.26.1", new Docker(new RecordingRunner(0, "v2.26.1\n", "")).composeVersion().toString());
        assertEquals("5.0.0", new Docker(new RecordingRunner(0, "5.0.0\n", "")).composeVersion().toString());
    }

    @Test
    void anUnreadableVersionSaysWhatWasPrintedAndWhatIsNeeded() {
        PikoException e = assertThrows(PikoException.class,
                () -> new Docker(new RecordingRunner(0, "dev\n", "")).requireCompose());
        assertEquals("cannot read the Docker Compose version from 'dev'", e.getMessage());
        assertTrue(e.hint().contains("2.26.1 or newer"), e.hint());
    }

    @Test
    void reportsAMissingComposePlugin() {
        PikoException e = assertThrows(PikoException.class, () -> new Docker(new RecordingRunner(1, "",
                "docker: 'compose' is not a docker command.\nSee 'docker --help'\n")).requireCompose());
        assertTrue(e.getMessage().startsWith("Docker Compose v2 is not available"), e.getMessage());
        assertTrue(e.hint().contains("2.26.1"), e.hint());
    }

    @Test
    void recognisesADaemonThatIsNotRunning() {
        PikoException e = assertThrows(PikoException.class, () -> new Docker(new RecordingRunner(1, "",
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"))
                .containersWithLabel("dev.piko.project=x"));
        assertTrue(e.getMessage().startsWith("the Docker daemon is not running"), e.getMessage());
    }

    @Test
    void aNetworkExistsWhenDockerListsItAndAFailedListingIsReported() {
        assertTrue(new Docker(new RecordingRunner(0, "bridge\t\t\t\t\t\t\npiko-x\t\t\t\t\t\t\n", "")).networkExists("piko-x"));
        assertTrue(!new Docker(new RecordingRunner(0, "bridge\t\t\t\t\t\t\npiko-x2\t\t\t\t\t\t\n", "")).networkExists("piko-x"));
        PikoException e = assertThrows(PikoException.class, () -> new Docker(new RecordingRunner(1, "",
                "permission denied while trying to connect\n")).networkExists("piko-x"));
        assertTrue(e.getMessage().contains("docker network ls failed"), e.getMessage());
    }

    @Test
    void aGoneContainerHasNoNetworksButAnyOtherFailureIsReported() {
        assertEquals(List.of(), new Docker(new RecordingRunner(1, "", "Error: No such object: c1\n")).containerNetworks("c1"));
        PikoException e = assertThrows(PikoException.class, () -> new Docker(new RecordingRunner(1, "",
                "template: :1: function \"x\" not defined\n")).containerNetworks("c1"));
        assertTrue(e.getMessage().contains("cannot list the networks of c1"), e.getMessage());
    }

    @Test
    void longComposeWorkHasNoFixedLimitButQuickCallsDo() {
        java.util.List<ProcessRunner.Call> seen = new java.util.ArrayList<>();
        ProcessRunner capture = new ProcessRunner() {
            @Override
            public Result run(Call call) {
                seen.add(call);
                return new Result(0, "", "");
            }
        };
        Docker docker = new Docker(capture);
        docker.composeUp(ComposeTarget.byName("p"), List.of(), java.util.Map.of(), Docker.Up.START_AND_WAIT);
        docker.networkExists("n");
        assertEquals(null, seen.get(0).timeout());
        assertTrue(seen.get(0).watch() != null, "compose up is watched for a daemon that stops answering");
        assertEquals(java.time.Duration.ofSeconds(30), seen.get(1).timeout());
    }

    @Test
    void aContainerKeptFromStartingByAFailedDependencyDidNotFailButOneThatCrashedAfterTheStartDid() {
        java.time.Instant since = java.time.Instant.parse("2026-11-28T17:00:00Z");
        List<List<String>> inspected = new java.util.ArrayList<>();
        ProcessRunner docker = new ProcessRunner() {
            @Override
            public Result run(Call call) {
                if (call.command().get(1).equals("ps")) {
                    return new Result(0, String.join("\n", psRow("api", "running", "Up 5 seconds (unhealthy)"),
                            psRow("web", "exited", "Exited (143) 3 seconds ago"),
                            psRow("worker", "exited", "Exited (1) 1 second ago"),
                            psRow("job", "exited", "Exited (0) 1 second ago")) + "\n", "");
                }
                inspected.add(call.command());
                // web last started before piko down stopped it; worker started in this start, then crashed
                return new Result(0, "/p-web-1\t2026-11-28T16:59:58.5Z\n/p-worker-1\t2026-11-28T17:00:01.123456789Z\n", "");
            }
        };
        assertEquals(List.of("api", "worker"), new Docker(docker).failedServices("p", since));
        assertEquals(List.of("p-web-1", "p-worker-1"), inspected.get(0).subList(4, inspected.get(0).size()),
                "only containers that exited with an error are inspected");
    }

    private static String psRow(String service, String state, String status) {
        return String.join("\t", "id-" + service, "p-" + service + "-1", "p", service, "e1", state, status, "proj", "p_default");
    }

    @Test
    void readsPublishedHostPortsFromDockerPs() {
        assertEquals(java.util.Set.of(10179, 10180, 5000, 5001, 5002),
                Containers.parsePublished("0.0.0.0:10179->6379/tcp, :::10179->6379/tcp\n127.0.0.1:10180->8080/udp\n"
                        + "0.0.0.0:5000-5002->7000-7002/tcp, 9000/tcp\n"));
    }

    @Test
    void dockersFullAddressPoolsAreOneErrorWithTheCountOfNetworksAndWhatToChange() {
        String compose = " Network piko-shop-e1  Creating\n Network piko-shop-e1  Error\nfailed to create network piko-shop-e1:"
                + " Error response from daemon: could not find an available, non-overlapping IPv4 address pool among the"
                + " defaults to assign to the network\n";
        piko.error.PikoException e = AddressPools.refusal(compose, () -> 31).orElseThrow();
        assertEquals("Docker's default address pools have no subnet left for network piko-shop-e1 (Docker holds 31 networks)",
                e.getMessage());
        assertEquals("piko's own networks take theirs from PIKO_SUBNET_POOL, not from Docker's pools; free Docker's: docker"
                + " network prune (removes every network no container uses), or widen \"default-address-pools\" in"
                + " /etc/docker/daemon.json and restart Docker", e.hint());
        assertTrue(AddressPools.refusal("Error response from daemon: Pool overlaps with other one on this address space",
                () -> 31).isEmpty(), "piko re-plans an overlap itself");
    }

    @Test
    void readsAnonymousVolumesFromDockerPsMounts() {
        String anon = "6121ecda66198d29364fee267ad5cf2346c3235c1c26b0ac812f847c79ff49a7";
        assertEquals(java.util.List.of(anon), Containers.parseAnonymous("\n" + anon + ",piko-demo-e2_data\nsentry-postgres\n"));
    }

    @Test
    void aPortHeldForUdpOnlyIsNotFree() throws Exception {
        try (java.net.DatagramSocket held = new java.net.DatagramSocket(0)) {
            int port = held.getLocalPort();
            assertTrue(!HostPorts.isFree(port), "UDP " + port + " is held");
        }
    }

    @Test
    void readsTheHostsRoutesButTheDefaultOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path routes = dir.resolve("route");
        java.nio.file.Files.writeString(routes, String.join("\n",
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "docker0\t000014AC\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "br-1\t0000D20A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0", ""));
        assertEquals("[172.20.0.0/24, 10.210.0.0/16]", Subnets.hostRoutes(routes).toString());
        assertEquals(java.util.List.of(), Subnets.hostRoutes(dir.resolve("none")));
    }
}
