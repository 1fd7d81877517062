package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piko.it.CreateIT.port;
import static piko.it.CreateIT.runningServices;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** piko doctor finds what differs between the state, Docker and git, and --fix repairs it; up repairs drift. */
class DoctorIT extends DockerRequired {
    static void deleteState(TestProject p) throws Exception {
        for (String f : List.of("state.db", "state.db-wal", "state.db-shm")) {
            Files.deleteIfExists(p.root.resolve(".piko").resolve(f));
        }
    }

    static Set<String> networksOf(String container) {
        return Set.of(TestProject.docker("inspect", "-f",
                "{{range $n, $v := .NetworkSettings.Networks}}{{$n}} {{end}}", container).ok().out().strip().split(" "));
    }

    @Test
    @SuppressWarnings("unchecked")
    void afterTheStateIsLostInitSaysSoAndDoctorTakesBackEveryEnvironment() throws Exception {
        try (TestProject p = TestProject.initialised(SharedIT.APP)) {
            p.piko("share", "redis").ok();
            p.piko("create", "a").ok();
            p.piko("create", "b").ok();
            p.piko("down", "b").ok();
            Map<String, Integer> ports = Map.of("a", port(p, "a", "PIKO_WEB_PORT"), "b", port(p, "b", "PIKO_WEB_PORT"));
            String bBefore = p.piko("list").ok().out().lines().filter(l -> l.startsWith("b ")).findFirst().orElseThrow();
            deleteState(p);

            Run init = p.piko("init").ok();
            assertTrue(init.err().contains("that piko does not know: a, b") && init.err().contains("piko doctor --fix"),
                    init.describe());
            assertEquals("", p.piko("list", "--json").ok().out().replaceAll("[\\s\\[\\]]", ""));
            Run check = p.piko("doctor");
            assertEquals(1, check.code(), check.describe());
            assertTrue(check.out().contains("a: in Docker") && check.out().contains("b: in Docker"), check.describe());

            p.piko("doctor", "--fix").ok();
            String list = p.piko("list").ok().out();
            assertTrue(list.lines().anyMatch(l -> l.matches("a\\s+running\\s+a\\s.*redis")), list);
            String bStatus = bBefore.split("\\s+")[1];
            assertTrue(list.lines().anyMatch(l -> l.matches("b\\s+" + bStatus + "\\s+b\\s.*redis")), bBefore + "\n" + list);
            for (String env : List.of("a", "b")) {
                assertEquals(ports.get(env), port(p, env, "PIKO_WEB_PORT"), "the ports are taken back");
            }
            List<Map<String, Object>> shared = new Yaml().load(p.piko("shared", "--json").ok().out());
            assertEquals(List.of("a", "b"), shared.get(0).get("consumers"));
            p.piko("doctor").ok();
            int webOfB = port(p, "b", "PIKO_WEB_PORT");
            Run up;
            try (java.net.ServerSocket holder = new java.net.ServerSocket()) {  // something else took b's port meanwhile
                holder.bind(new java.net.InetSocketAddress("0.0.0.0", webOfB));
                up = p.piko("up", "b").ok();
            }
            assertTrue(up.err().contains("Host port of web 8080/tcp is now "), up.describe());
            assertFalse(up.err().contains("Compose inputs changed"), "nothing of the compose inputs changed: " + up.describe());
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("b")));
            assertEquals("PONG", SharedIT.redisFrom(SharedIT.web(p, "b"), "PING").strip().replace("+", ""));
            p.piko("destroy", "a", "--volumes").ok();
            assertTrue(DockerOracle.containers("com.docker.compose.project", p.composeProject("a")).isEmpty());
            assertFalse(p.git("worktree", "list").contains("/a "));
        }
    }

    @Test
    void anEmptiedStateIsReadAsLostNeverRewrittenAndInitAndDoctorTakeEverythingBack() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "w").ok();
            p.write(".piko/worktrees/w/work.txt", "uncommitted work\n");
            Path state = p.root.resolve(".piko/state.db");
            deleteState(p);
            Files.createFile(state);  // a full disk, a bad copy: 0 bytes

            for (String cmd : List.of("list", "status", "doctor", "shared")) {
                Run r = p.piko(cmd).fails("the piko state " + state + " is empty (0 bytes): it records no project");
                assertTrue(r.err().contains("hint: run piko init: it moves that file aside (keeping it)")
                        && r.err().contains("piko doctor --fix takes back the 1 environment whose worktree is in .piko/worktrees (w)"),
                        r.describe());
                assertFalse(r.err().contains("remove .piko"), r.describe());
                assertEquals(0, Files.size(state), "a reader never writes the state: " + cmd);
            }

            Run init = p.piko("init").ok();
            assertTrue(init.err().contains("Moved the state that recorded no project aside: .piko/state.db.lost-"), init.describe());
            assertTrue(init.err().contains("Docker holds 1 environment of project " + p.name + " that piko does not know: w")
                    && init.err().contains("Take back the 1 whose worktree is still there (w) with: piko doctor --fix"), init.describe());
            try (var aside = Files.list(state.getParent())) {
                assertEquals(1, aside.filter(f -> f.getFileName().toString().startsWith("state.db.lost-")).count());
            }
            p.piko("doctor", "--fix").ok();
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("w\\s+running.*")));
            assertEquals("uncommitted work\n", Files.readString(p.worktree("w").resolve("work.txt")));
        }
    }

    @Test
    void aCorruptStateSaysSoAndHowToGetOut() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "c").ok();
            try (RandomAccessFile f = new RandomAccessFile(p.root.resolve(".piko/state.db").toFile(), "rw")) {
                f.write(new byte[100]);
            }
            for (String cmd : List.of("list", "init")) {
                Run r = p.piko(cmd).fails("is corrupt");
                assertTrue(r.err().contains("hint: move it aside") && r.err().contains("piko doctor --fix"), r.describe());
            }
            Path state = p.root.resolve(".piko/state.db");
            Files.move(state, state.resolveSibling("state.db.corrupt"));
            Files.deleteIfExists(state.resolveSibling("state.db-wal"));
            Files.deleteIfExists(state.resolveSibling("state.db-shm"));
            p.piko("init").ok();
            p.piko("doctor", "--fix").ok();
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("c\\s+running.*")));
        }
    }

    @Test
    void upRecreatesARemovedNetworkAndDoctorRepairsRemovedContainersAndLinks() throws Exception {
        try (TestProject p = TestProject.initialised(SharedIT.APP)) {
            p.piko("share", "redis").ok();
            p.piko("create", "n").ok();
            p.piko("down", "n").ok();
            String network = p.composeProject("n");
            TestProject.docker("network", "disconnect", network, SharedIT.sharedContainer(p, "redis")).ok();
            TestProject.docker("network", "rm", network).ok();
            Run doctor = p.piko("doctor");
            assertTrue(doctor.out().contains("n: its network " + network + " is gone"), doctor.describe());
            Run up = p.piko("up", "n").ok();
            assertTrue(up.err().contains("network of n was removed"), up.describe());
            assertTrue(DockerOracle.networkExists(network));
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("n")));
            assertTrue(networksOf(SharedIT.sharedContainer(p, "redis")).contains(network), "relinked");

            TestProject.docker("network", "disconnect", network, SharedIT.sharedContainer(p, "redis")).ok();
            TestProject.docker("rm", "-f", p.composeProject("n") + "-db-1", p.composeProject("n") + "-web-1").ok();
            p.piko("create", "m").ok();
            TestProject.docker("network", "disconnect", p.composeProject("m"), SharedIT.sharedContainer(p, "redis")).ok();
            doctor = p.piko("doctor");
            assertEquals(1, doctor.code(), doctor.describe());
            assertTrue(doctor.out().contains("n: its containers are gone"), doctor.describe());
            assertTrue(doctor.out().contains("shared redis: not linked to m's network"), doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertEquals(Set.of("web", "db"), runningServices(p.composeProject("n")));
            assertTrue(networksOf(SharedIT.sharedContainer(p, "redis")).containsAll(Set.of(network, p.composeProject("m"))));
            assertTrue(SharedIT.redisFrom(SharedIT.web(p, "m"), "PING").contains("PONG"));
            p.piko("doctor").ok();
        }
    }

    @Test
    void doctorReportsWhatListShowsOfOneServiceAndFixesIt() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "s").ok();
            String web = p.composeProject("s") + "-web-1";
            TestProject.docker("rm", "-f", web).ok();
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("s\\s+partial.*")));
            Run doctor = p.piko("doctor");
            assertEquals(1, doctor.code(), doctor.describe());
            assertTrue(doctor.out().contains("s: the container of web is gone; --fix: recreate it (piko up s)"), doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("s")));

            TestProject.docker("stop", "-t", "0", web).ok();
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("s\\s+partial.*")));
            doctor = p.piko("doctor");
            assertEquals(1, doctor.code(), doctor.describe());
            assertTrue(doctor.out().contains("s: web is exited (137) while the rest of s runs; --fix: start it (piko up s)"),
                    doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertEquals(Set.of("web", "redis"), runningServices(p.composeProject("s")));
            p.piko("down", "s").ok();
            p.piko("doctor").ok();  // stopped as a whole: nothing differs
        }
    }

    @Test
    void theSharedNetworkGoesWithTheLastSharedInstanceAndALeftoverOneIsReported() throws Exception {
        try (TestProject p = TestProject.initialised(SharedIT.APP)) {
            String network = "piko-" + p.name + "-shared";
            p.piko("share", "redis").ok();
            p.piko("create", "u").ok();
            p.piko("isolate", "redis").ok();
            assertTrue(DockerOracle.networkExists(network), "u still uses the shared redis");
            Run destroy = p.piko("destroy", "u").ok();
            assertTrue(destroy.err().contains("Removed the shared network " + network + " (no shared instance is left)"),
                    destroy.describe());
            assertFalse(DockerOracle.networkExists(network));

            p.piko("share", "redis").ok();
            TestProject.docker("rm", "-f", SharedIT.sharedContainer(p, "redis")).ok();
            Run doctor = p.piko("doctor");
            assertEquals(1, doctor.code(), doctor.describe());
            assertTrue(doctor.out().contains("shared: its network " + network + " is left with no shared instance; --fix: remove it"),
                    doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertFalse(DockerOracle.networkExists(network));
            p.piko("isolate", "redis").ok();
            p.piko("doctor").ok();
        }
    }

    @Test
    void leftoversOfAnUnknownEnvironmentWithoutWorktreeAreRemovedAndItsVolumeKept() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "gone").ok();
            p.piko("create", "lost").ok();
            p.git("worktree", "remove", "--force", p.worktree("gone").toString());
            p.git("branch", "-D", "gone");
            deleteState(p);
            p.piko("init").ok();
            Run doctor = p.piko("doctor");
            assertTrue(doctor.out().contains("gone: 2 containers and 1 networks"), doctor.describe());
            assertTrue(doctor.out().contains("lost: in Docker"), doctor.describe());
            String volume = p.composeProject("gone") + "_data";
            assertTrue(doctor.out().contains("volume " + volume + ": data of environment gone"), doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertTrue(DockerOracle.containers("com.docker.compose.project", p.composeProject("gone")).isEmpty());
            assertFalse(DockerOracle.networkExists(p.composeProject("gone")));
            assertEquals(List.of(volume), DockerOracle.volumesOfProject(p.composeProject("gone")), "data is kept");
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("lost\\s+running.*")));
        }
    }

    @Test
    void aWorktreeDeletedByHandIsRecreatedFromItsBranch() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            p.piko("create", "w").ok();
            Files.writeString(p.worktree("w").resolve("kept.txt"), "committed");
            p.git("-C", p.worktree("w").toString(), "add", "kept.txt");
            p.git("-C", p.worktree("w").toString(), "commit", "-q", "-m", "kept");
            try (var files = Files.walk(p.worktree("w"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            Run doctor = p.piko("doctor");
            assertEquals(1, doctor.code(), doctor.describe());
            assertTrue(doctor.out().contains("w: its worktree .piko/worktrees/w is missing; --fix: recreate it from branch w"),
                    doctor.describe());
            p.piko("doctor", "--fix").ok();
            assertEquals("committed", Files.readString(p.worktree("w").resolve("kept.txt")));
            assertTrue(p.git("worktree", "list").contains(p.worktree("w").toString()));
            p.piko("up", "w").ok();
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("w\\s+running.*")));
            p.piko("doctor").ok();
        }
    }
}
