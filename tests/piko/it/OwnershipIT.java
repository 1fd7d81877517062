package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two checkouts of one repository with the same folder name (a/shop and b/shop, issue 15): what
 * piko does in the second never touches the first's containers or data.
 */
class OwnershipIT extends DockerRequired {
    /** Two clones under one fresh folder: a/<name> and b/<name>. */
    private static TestProject[] twoClones() throws Exception {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "piko-it", "o" + UUID.randomUUID().toString().substring(0, 8));
        String folder = "s" + UUID.randomUUID().toString().substring(0, 8);
        TestProject a = TestProject.withCompose(TestProject.gitRepoAt(base.resolve("a").resolve(folder)), TestProject.WEB_AND_REDIS);
        TestProject b = TestProject.withCompose(TestProject.gitRepoAt(base.resolve("b").resolve(folder)), TestProject.WEB_AND_REDIS);
        return new TestProject[] {a, b};
    }

    private static void writeMarker(TestProject p, String env, String text) {
        TestProject.docker("exec", p.composeProject(env) + "-redis-1", "sh", "-c", "echo " + text + " > /data/marker").code();
    }

    /** The marker in the first clone's volume, read by a throw-away container (works with none of its own running). */
    private static String marker(String volume) {
        return TestProject.docker("run", "--rm", "--network", "none", "-v", volume + ":/data", TestProject.BUSYBOX, "cat", "/data/marker").out().strip();
    }

    static String identity(String kind, String name) {
        return TestProject.docker(kind, "inspect", "--format", "{{index .Config.Labels \"dev.piko.identity\"}}"
                .replace(".Config", kind.equals("container") ? ".Config" : ""), name).out().strip();
    }

    @Test
    void theSecondCheckoutGetsItsOwnNameAndLeavesTheFirstOnesEnvironmentAlone() throws Exception {
        TestProject[] clones = twoClones();
        try (TestProject a = clones[0]; TestProject b = clones[1]) {
            a.piko("init").ok();
            a.piko("create", "e1").ok();
            writeMarker(a, "e1", "first-clone-data");
            String aVolume = a.composeProject("e1") + "_data";
            assertEquals("first-clone-data", marker(aVolume));

            Run init = b.piko("init").ok();
            b.name = a.name + "2";
            assertTrue(init.err().contains("Initialised piko project " + b.name + " in " + b.root), init.describe());
            assertTrue(init.err().contains("The name " + a.name + " is used by the project at " + a.root), init.describe());
            assertFalse(init.err().contains("that piko does not know"), "the first clone's e1 is not the second's: " + init.describe());

            b.piko("create", "e1").ok();
            assertEquals(2, CreateIT.runningServices(b.composeProject("e1")).size());
            String aIdentity = identity("volume", aVolume);
            assertTrue(aIdentity.matches("[0-9a-f]{16}"), aIdentity);
            assertEquals(aIdentity, identity("container", a.composeProject("e1") + "-web-1"));
            assertEquals(aIdentity, identity("network", a.composeProject("e1")));
            String bIdentity = identity("container", b.composeProject("e1") + "-redis-1");
            assertTrue(bIdentity.matches("[0-9a-f]{16}") && !bIdentity.equals(aIdentity), aIdentity + " " + bIdentity);
            b.piko("destroy", "e1", "--volumes").ok();
            Run doctor = b.piko("doctor", "--fix");
            assertTrue(doctor.code() == 0, doctor.describe());

            assertEquals(2, CreateIT.runningServices(a.composeProject("e1")).size(), "the first clone's e1 still runs");
            assertEquals(List.of(aVolume), DockerOracle.volumesOfProject(a.composeProject("e1")));
            assertEquals("first-clone-data", marker(aVolume), "the first clone's data is intact");
            assertEquals(List.of(), DockerOracle.volumesOfProject(b.composeProject("e1")), "the second's own volume went");
            assertTrue(a.piko("doctor").ok().err().contains("Nothing to fix"));
        }
    }

    @Test
    void aNameAnotherCheckoutUsesIsRefusedAndAChosenOneIsTaken() throws Exception {
        TestProject[] clones = twoClones();
        try (TestProject a = clones[0]; TestProject b = clones[1]) {
            a.piko("init").ok();
            b.piko("init", "--name", a.name).fails("the project name " + a.name + " is used by the project at " + a.root);
            assertFalse(Files.exists(b.root.resolve(".piko/state.db")), "nothing recorded");
            b.piko("init", "--name", "bad-name").fails("invalid project name 'bad-name'");
            b.name = a.name + "_review";
            Run r = b.piko("init", "--name", b.name).ok();
            assertTrue(r.err().contains("Initialised piko project " + b.name), r.describe());
        }
    }

    /**
     * Issue 15.3: a create whose setup script fails removes only what it made; volumes an earlier
     * destroy kept are used (and said so), or removed first with --fresh.
     */
    @Test
    void keptVolumesOutliveAFailedCreateAndFreshStartsEmpty() throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.pikoYaml("scripts:\n  setup: if [ -f \"$PIKO_ROOT/fail\" ]; then exit 4; fi\n");
            p.commit("piko.yaml");
            p.piko("init").ok();
            p.piko("create", "e1").ok();
            writeMarker(p, "e1", "kept-data");
            String volume = p.composeProject("e1") + "_data";
            p.piko("destroy", "e1").ok();
            assertEquals(List.of(volume), DockerOracle.volumesOfProject(p.composeProject("e1")));

            Files.writeString(p.root.resolve("fail"), "");
            Run failed = p.piko("create", "e1", "--branch", "e1");
            assertTrue(failed.code() != 0 && failed.err().contains("Using the volumes an earlier e1 kept: " + volume), failed.describe());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("e1")));
            assertEquals("kept-data", marker(volume), "the undo of the failed create kept the volume and its data");

            Files.delete(p.root.resolve("fail"));
            Run again = p.piko("create", "e1", "--branch", "e1").ok();
            assertTrue(again.err().contains("Using the volumes an earlier e1 kept: " + volume
                    + " (to start empty instead: piko create e1 --fresh)"), again.describe());
            assertEquals("kept-data", TestProject.docker("exec", p.composeProject("e1") + "-redis-1", "cat", "/data/marker").out().strip());
            p.piko("destroy", "e1").ok();

            Run fresh = p.piko("create", "e1", "--branch", "e1", "--fresh").ok();
            assertTrue(fresh.err().contains("Removed the volumes an earlier e1 kept (--fresh): " + volume), fresh.describe());
            assertEquals(List.of(volume), DockerOracle.volumesOfProject(p.composeProject("e1")));
            assertTrue(TestProject.docker("exec", p.composeProject("e1") + "-redis-1", "ls", "/data").out().isBlank(), "started empty");
            p.piko("destroy", "e1", "--volumes").ok();
        }
    }

    /** The naming rule: no '-' in project names, so `piko-<p>-q-shared` is never also `piko-<p-q>-shared`. */
    @Test
    void aFolderNameWithADashGivesAProjectNameWithout() throws Exception {
        String folder = "t" + UUID.randomUUID().toString().substring(0, 8);
        try (TestProject p = TestProject.withCompose(TestProject.gitRepoAt(
                Path.of(System.getProperty("java.io.tmpdir"), "piko-it", folder + "-q")), TestProject.WEB_AND_REDIS)) {
            p.name = folder + "_q";
            Run r = p.piko("init").ok();
            assertTrue(r.err().contains("Initialised piko project " + p.name + " in"), r.describe());
            p.piko("share", "redis").ok();
            assertEquals(1, DockerOracle.containers("com.docker.compose.project", "piko-" + p.name + "-shared").size());
        }
    }
}
