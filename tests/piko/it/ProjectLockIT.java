package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.runningServices;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.zeroturnaround.exec.ProcessResult;

/** piko.yaml's shared list and the shared instances change under one project lock; a failed share changes nothing. */
class ProjectLockIT extends DockerRequired {
    /** Two services that depend on nothing, so either can be shared alone, and a web. */
    static final String TWO = """
            services:
              a:
                image: piko-test/busybox:1
                command: ["sleep", "3600"]
                stop_grace_period: 1s
              b:
                image: piko-test/busybox:1
                command: ["sleep", "3600"]
                stop_grace_period: 1s
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"]
                ports: ["8080"]
                stop_grace_period: 1s
            """;

    static List<ProcessResult> atOnce(TestProject p, List<String> first, List<String> second) throws Exception {
        Future<ProcessResult> x = p.startPiko(first.toArray(String[]::new));
        Future<ProcessResult> y = p.startPiko(second.toArray(String[]::new));
        return List.of(x.get(), y.get());
    }

    static void bothSucceeded(List<ProcessResult> results) {
        for (ProcessResult r : results) {
            assertEquals(0, r.getExitValue(), r.outputUTF8());
        }
    }

    @SuppressWarnings("unchecked")
    static Set<String> sharedInPikoYaml(TestProject p) throws Exception {
        Map<String, Object> yaml = new Yaml().load(Files.readString(p.root.resolve("piko.yaml")));
        Object shared = yaml.get("shared");
        return shared == null ? Set.of() : new TreeSet<>((List<String>) shared);
    }

    /** The shared list as the state holds it, read from the database itself (piko would sync it first). */
    static Set<String> sharedInState(TestProject p) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p.root.resolve(".piko/state.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT service_name FROM shared_services")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static String shared(TestProject p) {
        return "piko-" + p.name + "-shared";
    }

    @Test
    void twoSharesAtOnceBothEndShared() throws Exception {
        try (TestProject p = TestProject.initialised(TWO)) {
            bothSucceeded(atOnce(p, List.of("share", "a"), List.of("share", "b")));
            assertEquals(Set.of("a", "b"), sharedInPikoYaml(p));
            assertEquals(Set.of("a", "b"), sharedInState(p));
            assertEquals(Set.of("a", "b"), runningServices(shared(p)));
            Run next = p.piko("list").ok();
            assertFalse(next.err().contains("no longer shared"), next.describe());
            assertEquals(Set.of("a", "b"), runningServices(shared(p)));
        }
    }

    @Test
    void shareAndIsolateAtOnceBothTakeEffect() throws Exception {
        try (TestProject p = TestProject.initialised(TWO)) {
            p.piko("share", "a").ok();
            bothSucceeded(atOnce(p, List.of("share", "b"), List.of("isolate", "a")));
            assertEquals(Set.of("b"), sharedInPikoYaml(p));
            assertEquals(Set.of("b"), sharedInState(p));
            assertEquals(Set.of("b"), runningServices(shared(p)), "a had no user: isolate stopped it");
        }
    }

    @Test
    void shareAndCreateAtOnceBothSucceed() throws Exception {
        try (TestProject p = TestProject.initialised(TWO)) {
            bothSucceeded(atOnce(p, List.of("share", "a"), List.of("create", "e1")));
            assertEquals(Set.of("a"), sharedInPikoYaml(p));
            assertEquals(Set.of("a"), sharedInState(p));
            assertEquals(Set.of("a"), runningServices(shared(p)));
            assertTrue(runningServices(p.composeProject("e1")).containsAll(Set.of("web", "b")));
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("e1\\s+running.*")));
        }
    }

    @Test
    void aFailedShareChangesNeitherPikoYamlNorTheStateAndLeavesNoContainer() throws Exception {
        String sick = TWO + """
                  sick:
                    image: piko-test/busybox:1
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "false"]
                      interval: 1s
                      retries: 1
                """;
        try (TestProject p = TestProject.initialised(sick)) {
            Run first = p.piko("share", "sick").fails("sick");
            assertTrue(first.err().contains("warning: share sick failed; removing what it started"), first.describe());
            assertFalse(DockerOracle.networkExists(shared(p)), "the shared network the failed share made is gone: " + first.describe());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", shared(p)));
            p.piko("share", "a").ok();
            String before = Files.readString(p.root.resolve("piko.yaml"));
            p.piko("share", "sick").fails("sick");
            assertEquals(before, Files.readString(p.root.resolve("piko.yaml")));
            assertEquals(Set.of("a"), sharedInState(p));
            List<String> services = new ArrayList<>();
            DockerOracle.containers("com.docker.compose.project", shared(p))
                    .forEach(c -> services.add(c.getLabels().get("com.docker.compose.service")));
            assertEquals(List.of("a"), services, "the unhealthy container is removed, a keeps running");
            Run next = p.piko("create", "e2").ok();
            // compose's progress names sick too: piko's own notes and warnings must not
            assertFalse(next.err().lines().anyMatch(l -> l.contains("sick") && (l.startsWith("warning:") || l.startsWith("piko:"))),
                    next.describe());
            assertTrue(runningServices(p.composeProject("e2")).contains("sick"), "sick is not shared: e2 runs its own");
        }
    }
}
