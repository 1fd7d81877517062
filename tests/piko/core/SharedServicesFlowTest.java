package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;

/** share, isolate and the piko.yaml sync, against fakes. */
class SharedServicesFlowTest {
    @TempDir
    Path root;

    @Test
    void shareMarksTheServiceInPikoYamlAndStateAndStartsItsInstance() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "ports:\n  base: 20000\n")) {
            f.sharedServices().share("redis");
            assertTrue(Files.readString(root.resolve("piko.yaml")).contains("shared:\n  - redis\n"));
            assertEquals(List.of("redis"), f.workspace().store().sharedServices());
            assertEquals(Set.of("redis"), f.docker.projects.get("piko-demo-shared"));
            assertEquals(20079, f.workspace().store().ports(Names.SHARED).get(0).hostPort(), "block 0 of the plan");
            assertEquals(List.of("Marked redis as shared", "Created shared network: piko-demo-shared",
                    "Started shared redis container"), f.done);
        }
    }

    /** Docker finds the planned port taken though the probe found it free: share plans it anew and says so. */
    @Test
    void shareReplansAHostPortDockerFindsTaken() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "ports:\n  base: 20000\n")) {
            f.docker.failing("up", 1, "Error response from daemon: driver failed programming external connectivity on"
                    + " endpoint piko-demo-shared-redis-1 (0f1e): Bind for 0.0.0.0:20079 failed: port is already allocated");
            f.sharedServices().share("redis");
            assertEquals(20080, f.workspace().store().ports(Names.SHARED).get(0).hostPort());
            String override = Files.readString(root.resolve(".piko/shared/" + OverrideFile.NAME));
            assertTrue(override.contains("20080") && !override.contains("20079"), override);
            assertEquals(Set.of("redis"), f.docker.projects.get("piko-demo-shared"));
            assertEquals(List.of("redis"), f.workspace().store().sharedServices());
            assertEquals(List.of("Host port of shared redis 6379/tcp is now 20080 (was 20079)", "Marked redis as shared",
                    "Created shared network: piko-demo-shared", "Started shared redis container"), f.done);
            assertEquals(List.of(), f.warnings);
        }
    }

    @Test
    void shareRefusesAServiceThatDependsOnUnsharedOnes() throws Exception {
        try (FlowFixture f = new FlowFixture(root, null)) {
            PikoException e = assertThrows(PikoException.class, () -> f.sharedServices().share("web"));
            assertTrue(e.getMessage().contains("web depends on redis"), e.getMessage());
            assertEquals(List.of(), f.workspace().store().sharedServices());
            assertTrue(!Files.exists(root.resolve("piko.yaml")));
        }
    }

    @Test
    void isolateKeepsTheInstanceForItsUsersAndStopsItWithoutThem() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("e1", null);
            f.sharedServices().isolate("redis");
            assertEquals(Set.of("redis"), f.docker.projects.get("piko-demo-shared"));
            assertEquals(Map.of("e1", List.of("redis")), f.workspace().store().consumers());
            assertTrue(Files.readString(root.resolve("piko.yaml")).contains("shared: []"));
        }
    }

    @Test
    void syncFromPikoYamlSaysWhatChangedAndStopsUnusedInstances() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.sharedServices().share("redis");
            assertEquals(List.of("redis is now shared (listed in piko.yaml)"), f.synced);
            Files.writeString(root.resolve("piko.yaml"), "shared: []\n");
            f.reload();
            f.workspace();
            assertEquals(List.of("redis is no longer shared (not in piko.yaml)"), f.synced);
            assertEquals(null, f.docker.projects.get("piko-demo-shared"), "the last instance took the shared network with it");
            assertEquals(List.of(), f.sharedServices().syncFromConfig(), "in sync now");
        }
    }
}
