package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.zeroturnaround.exec.ProcessResult;

class ConcurrencyIT extends DockerRequired {
    /** Starts two `piko create` at once and waits for both. */
    static List<ProcessResult> createAtOnce(TestProject p, String first, String second) throws Exception {
        Future<ProcessResult> a = p.startPiko("create", first);
        Future<ProcessResult> b = p.startPiko("create", second);
        return List.of(a.get(), b.get());
    }

    static void bothSucceeded(List<ProcessResult> results) {
        for (ProcessResult r : results) {
            assertEquals(0, r.getExitValue(), r.outputUTF8());
        }
    }

    @Test
    void twoCreatesWithDifferentNamesBothSucceedWithDistinctPorts() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            bothSucceeded(createAtOnce(p, "left", "right"));
            assertNotEquals(CreateIT.port(p, "left", "PIKO_REDIS_PORT"), CreateIT.port(p, "right", "PIKO_REDIS_PORT"));
            assertEquals(2, CreateIT.runningServices(p.composeProject("left")).size());
            assertEquals(2, CreateIT.runningServices(p.composeProject("right")).size());
        }
    }

    @Test
    void twoCreatesWithTheSameNameLetExactlyOneSucceed() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            List<ProcessResult> results = createAtOnce(p, "same", "same");
            List<ProcessResult> failed = results.stream().filter(r -> r.getExitValue() != 0).toList();
            assertEquals(1, failed.size(), results.get(0).outputUTF8() + "\n---\n" + results.get(1).outputUTF8());
            assertTrue(failed.get(0).outputUTF8().contains("error: environment 'same' already exists"),
                    failed.get(0).outputUTF8());
            assertEquals(2, CreateIT.runningServices(p.composeProject("same")).size());
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("same\\s+running.*")));
        }
    }

    @Test
    void twoCreatesStartingTheSameSharedInstanceBothSucceed() throws Exception {
        try (TestProject p = TestProject.withCompose(SharedIT.APP)) {
            p.pikoYaml("shared: [redis]\n");
            p.commit("share redis");
            p.piko("init").ok();
            bothSucceeded(createAtOnce(p, "one", "two"));
            assertEquals(java.util.Set.of("redis"), CreateIT.runningServices("piko-" + p.name + "-shared"));
            for (String env : List.of("one", "two")) {
                assertTrue(SharedIT.redisFrom(SharedIT.web(p, env), "PING").contains("PONG"), env);
            }
        }
    }
}
