package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared instance's links to the environments that use it: made again by up, taken away by destroy. */
class RelinkFlowTest {
    private static final String REDIS = "piko-demo-shared-redis-1";

    @TempDir
    Path root;

    @Test
    void upLinksASharedInstanceRemovedAndStartedAgainToEveryEnvironmentThatUsesIt() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("one", null);
            f.environments().create("two", null);
            assertEquals(Set.of("piko-demo-one", "piko-demo-shared", "piko-demo-two"), f.docker.attached.get(REDIS));
            f.docker.removes(REDIS);  // docker rm -f
            f.environments().up("one");
            assertEquals("running", f.docker.states.get(REDIS));
            assertEquals(Set.of("piko-demo-one", "piko-demo-shared", "piko-demo-two"), f.docker.attached.get(REDIS),
                    "every consumer is linked again, not only the one started");
            assertEquals(List.of("redis"), f.docker.aliases.get("piko-demo-one " + REDIS));
            assertEquals(List.of("redis"), f.docker.aliases.get("piko-demo-two " + REDIS));
        }
    }

    @Test
    void upLinksASharedInstanceRecreatedWithoutItsLinks() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("one", null);
            f.docker.recreates(REDIS);
            f.environments().up("one");
            assertEquals(Set.of("piko-demo-one", "piko-demo-shared"), f.docker.attached.get(REDIS));
            assertEquals(List.of("redis"), f.docker.aliases.get("piko-demo-one " + REDIS));
        }
    }

    @Test
    void destroyTakesOnlyItsOwnLinkAway() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "shared: [redis]\n")) {
            f.environments().create("one", null);
            f.environments().create("two", null);
            f.environments().destroy("one", false, false);
            assertEquals(Set.of("piko-demo-shared", "piko-demo-two"), f.docker.attached.get(REDIS));
            assertEquals(List.of("redis"), f.docker.aliases.get("piko-demo-two " + REDIS));
            assertFalse(f.docker.networks.containsKey("piko-demo-one"));
        }
    }
}
