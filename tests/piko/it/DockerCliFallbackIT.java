package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.runningServices;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * piko asks the daemon's socket itself (the Engine API) where docker would use it; with a docker
 * context named (DOCKER_CONTEXT, here the local daemon's own `default`) it asks the docker CLI
 * instead. The same lifecycle with a shared service on that path ends in the same state, and the
 * reads of both paths agree on the same environment.
 */
class DockerCliFallbackIT extends DockerRequired {
    private static final Map<String, String> CLI = Map.of("DOCKER_CONTEXT", "default");

    private static Run viaCli(TestProject p, String... args) {
        return p.pikoAt(p.root, CLI, args).ok();
    }

    private static List<String> traced(Run run, String prefix) {
        return run.err().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void aLifecycleThroughTheDockerCliEndsAsThroughTheApi() throws Exception {
        try (TestProject p = TestProject.withCompose(SharedIT.APP)) {
            p.pikoYaml("shared: [redis]\n");
            p.commit("shared redis");
            p.piko("init").ok();
            String shared = "piko-" + p.name + "-shared";
            String redis = SharedIT.sharedContainer(p, "redis");

            Run create = viaCli(p, "--verbose", "create", "a");
            assertEquals(List.of(), traced(create, "+ api "), "no request on the socket with a docker context named");
            assertTrue(traced(create, "+ docker ps ").size() >= 1, create.err());
            assertTrue(traced(create, "+ docker network connect ").size() == 1, create.err());
            assertEquals(Set.of("redis"), runningServices(shared));
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("a")));
            assertTrue(SharedIT.redisFrom(SharedIT.web(p, "a"), "PING").contains("PONG"), "a reaches the shared redis");

            // the same reads through the API (no docker process) and through the CLI agree
            Run listApi = p.piko("--verbose", "list", "--json").ok();
            assertTrue(traced(listApi, "+ api GET /containers/json").size() >= 1, listApi.err());
            assertEquals(List.of(), traced(listApi, "+ docker "), "list starts no docker process: " + listApi.err());
            Run listCli = viaCli(p, "list", "--json");
            assertEquals(listApi.out(), listCli.out());
            assertTrue(listCli.out().contains("\"running\""), listCli.out());
            for (List<String> read : List.of(List.of("shared", "--json"), List.of("doctor", "--json"))) {
                String[] args = read.toArray(String[]::new);
                assertEquals(p.piko(args).ok().out(), viaCli(p, args).out(), String.join(" ", read));
            }
            Run status = viaCli(p, "status", "a");
            assertTrue(status.out().lines().anyMatch(l -> l.matches("\\s+web\\s+running.*")), status.out());
            assertEquals(p.piko("status", "a").ok().out().replaceAll("\\s+", " "), status.out().replaceAll("\\s+", " "));

            Run destroy = viaCli(p, "--verbose", "destroy", "a");
            assertEquals(List.of(), traced(destroy, "+ api "));
            assertTrue(traced(destroy, "+ docker network disconnect ").size() == 1, destroy.err());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("a")));
            assertFalse(DockerOracle.networkExists(p.composeProject("a")), "a's network is gone");
            assertFalse(Files.exists(p.worktree("a")));
            assertEquals(Set.of("redis"), runningServices(shared), "the shared redis keeps running");
            String networks = TestProject.docker("inspect", "--format", "{{range $n, $e := .NetworkSettings.Networks}}{{$n}} {{end}}",
                    redis).out();
            assertFalse(networks.contains(p.composeProject("a") + " "), "redis left a's network: " + networks);
            assertTrue(p.piko("list").ok().out().lines().noneMatch(l -> l.startsWith("a ")), "a is gone from the state");
        }
    }
}
