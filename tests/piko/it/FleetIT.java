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
import org.yaml.snakeyaml.Yaml;

/** up --all and down --all over every environment and the shared services; gc's rules and its safety. */
class FleetIT extends DockerRequired {
    static final String ONE_SERVICE = """
            services:
              app:
                image: piko-test/busybox:1
                command: ["sleep", "3600"]
                stop_grace_period: 1s
            """;

    private static Set<String> allRunning(TestProject p, List<String> envs) {
        Set<String> out = new java.util.TreeSet<>();
        for (String e : envs) runningServices(p.composeProject(e)).forEach(s -> out.add(e + "/" + s));
        runningServices("piko-" + p.name + "-shared").forEach(s -> out.add("shared/" + s));
        return out;
    }

    @Test
    void downAllStopsEveryEnvironmentAndTheSharedServicesAndUpAllStartsThemAgain() throws Exception {
        try (TestProject p = TestProject.initialised(SharedIT.APP)) {
            p.piko("share", "redis").ok();
            p.piko("create", "a").ok();
            p.piko("create", "b").ok();
            List<String> envs = List.of("a", "b");
            Set<String> everything = Set.of("a/db", "a/web", "b/db", "b/web", "shared/redis");
            assertEquals(everything, allRunning(p, envs));

            Run down = p.piko("down", "--all").ok();
            assertEquals(Set.of(), allRunning(p, envs), down.describe());
            assertEquals(5, DockerOracle.containers("dev.piko.project", p.name).size(), "stopped, not removed");
            for (String line : List.of("\u2713 a: stopped", "\u2713 b: stopped", "\u2713 shared: stopped redis",
                    "Stopped 2 of 2 environments and the shared services")) {
                assertTrue(down.err().contains(line + "\n"), line + "\n" + down.describe());
            }

            Files.walk(p.worktree("b")).sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            Run up = p.piko("up", "--all").ok();
            assertEquals(Set.of("a/db", "a/web", "shared/redis"), allRunning(p, envs), up.describe());
            assertTrue(up.err().contains("\u2713 a: running\n"), up.describe());
            assertTrue(up.err().contains("warning: b: skipped (worktree missing"), up.describe());
            assertTrue(up.err().contains("Started 1 of 2 environments; skipped b\n"), up.describe());
            assertTrue(SharedIT.redisFrom(SharedIT.web(p, "a"), "PING").contains("PONG"), "a reaches the shared redis again");
            p.piko("up", "a", "--all").fails("give a name or --all");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gcListsMergedIdleAndGoneEnvironmentsWithWhyAndRemovesOnlyThoseWithoutUncommittedWork() throws Exception {
        try (TestProject p = TestProject.initialised(ONE_SERVICE)) {
            for (String e : List.of("merged", "fresh", "dirty", "gone", "idle")) {
                p.piko("create", e).ok();
            }
            for (String e : List.of("merged", "dirty")) {
                Files.writeString(p.worktree(e).resolve(e + ".txt"), e);
                TestProject.git(p.worktree(e), "add", e + ".txt");
                TestProject.git(p.worktree(e), "commit", "-q", "-m", "work of " + e);
                p.git("merge", "-q", "--no-edit", e);
            }
            Files.writeString(p.worktree("dirty").resolve("unsaved.txt"), "not committed");
            p.git("worktree", "remove", "--force", p.worktree("gone").toString());
            p.piko("down", "idle").ok();

            Run dry = p.piko("gc", "--idle", "0m", "--json").ok();
            Map<String, Map<String, Object>> listed = new java.util.TreeMap<>();
            for (Object o : (List<Object>) new Yaml().load(dry.out())) {
                Map<String, Object> v = (Map<String, Object>) o;
                listed.put((String) v.get("name"), v);
            }
            assertEquals(Set.of("merged", "dirty", "gone", "idle"), listed.keySet(), "fresh has no commit of its own and runs\n"
                    + dry.describe());
            assertEquals(List.of("branch merged merged into main"), listed.get("merged").get("reasons"));
            assertEquals("uncommitted changes (1)", listed.get("dirty").get("kept"));
            assertEquals(List.of("worktree gone"), listed.get("gone").get("reasons"));
            assertTrue(String.valueOf(listed.get("idle").get("reasons")).contains("not started for"), dry.describe());
            assertEquals(false, listed.get("merged").get("removed"));
            assertEquals(5, DockerOracle.containers("dev.piko.project", p.name).size(), "a dry run removes nothing");

            Run text = p.piko("gc").ok();
            assertTrue(text.out().contains("KEPT, uncommitted changes (1): branch dirty merged into main"), text.describe());
            assertFalse(text.out().contains("idle"), "without --idle the idle rule is off\n" + text.describe());
            assertTrue(text.err().contains("Dry run: 2 environments to remove (branches kept); remove them with: piko gc --yes"),
                    text.describe());

            Run gc = p.piko("gc", "--yes", "--idle", "0m").ok();
            assertTrue(gc.err().contains("warning: dirty: kept: uncommitted changes (1)"), gc.describe());
            assertTrue(gc.err().contains("\u2713 Removed merged (branch merged merged into main)"), gc.describe());
            for (String e : List.of("merged", "gone", "idle")) {
                assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject(e)), e);
                assertFalse(Files.exists(p.worktree(e)), e);
                assertTrue(p.git("branch", "--list", e).contains(e), "gc keeps the branch " + e);
            }
            assertEquals("not committed", Files.readString(p.worktree("dirty").resolve("unsaved.txt")));
            assertEquals(Set.of("app"), runningServices(p.composeProject("dirty")));
            assertEquals(Set.of("app"), runningServices(p.composeProject("fresh")));
            String list = p.piko("list").ok().out();
            assertTrue(list.contains("dirty") && list.contains("fresh") && !list.contains("merged"), list);
            assertTrue(p.piko("gc").ok().err().contains("Nothing to remove (kept: dirty)"), "only the kept one is left");
        }
    }
}
