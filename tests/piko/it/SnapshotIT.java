package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots on the real engine: a database-like service (busybox, which has cp: its two volumes
 * are copied in one container of its image) and a service whose image holds no shell at all (only
 * one renamed static binary: its volume goes through the archive stream).
 */
class SnapshotIT extends DockerRequired {
    static final String NO_SHELL = "piko-test/noshell:1";
    static final String COMPOSE = """
            services:
              db:
                image: piko-test/busybox:1
                command: ["sleep", "100000"]
                volumes: [dbdata:/data]
              blob:
                image: piko-test/noshell:1
                command: ["/opt/busybox", "sleep", "100000"]
                volumes: [blobdata:/seed]
            volumes:
              dbdata: {}
              blobdata: {}
            """;
    /** The db with a second volume: both go through one container of its image. */
    static final String TWO_DB_VOLUMES = COMPOSE.replace("volumes: [dbdata:/data]", "volumes: [dbdata:/data, dblog:/log]")
            .replace("  dbdata: {}\n", "  dbdata: {}\n  dblog: {}\n");

    /** An image with one program besides its data: /opt/busybox, with no applet linked, so no shell on any path. */
    @BeforeAll
    static void noShellImage() throws Exception {
        if (TestProject.docker("image", "inspect", NO_SHELL).code() == 0) {
            return;
        }
        Path dir = Files.createTempDirectory("noshell");
        Files.createDirectories(dir.resolve("opt"));
        Files.copy(Path.of("/bin/busybox"), dir.resolve("opt/busybox"));
        Files.createDirectories(dir.resolve("seed"));
        Files.writeString(dir.resolve("seed/from-image.txt"), "image");
        Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
        Run t = TestProject.exec(dir, java.util.Map.of(), List.of("tar", "-cf", tar.toString(), "-C", dir.toString(), "opt", "seed"));
        assertEquals(0, t.code(), t::describe);
        Run i = TestProject.exec(dir, java.util.Map.of(), List.of("docker", "import", tar.toString(), NO_SHELL));
        assertEquals(0, i.code(), i::describe);
        assertTrue(TestProject.docker("run", "--rm", "--entrypoint", "/bin/sh", NO_SHELL, "-c", "true").code() != 0,
                "the image must have no shell");
    }

    private static String read(String volume, String file) {
        Run r = TestProject.docker("run", "--rm", "-v", volume + ":/v:ro", TestProject.BUSYBOX, "cat", "/v/" + file);
        return r.code() == 0 ? r.out().strip() : "<missing: " + r.err().strip() + ">";
    }

    private static void write(String volume, String file, String text) {
        Run r = TestProject.docker("run", "--rm", "-v", volume + ":/v", TestProject.BUSYBOX, "sh", "-c",
                "echo " + text + " > /v/" + file + " && chown 1234:99 /v/" + file);
        assertEquals(0, r.code(), r::describe);
    }

    /** A file (as write makes it), a directory, a setuid file owned by another user with a hard link, and a symbolic link owned by a third. */
    private static void fill(String volume, String file, String text) {
        Run r = TestProject.docker("run", "--rm", "-v", volume + ":/v", TestProject.BUSYBOX, "sh", "-c",
                "echo " + text + " > /v/" + file + " && chown 1234:99 /v/" + file
                        + " && mkdir -p /v/d && echo x > /v/d/f && ln /v/d/f /v/d/h && ln -s f /v/d/s && chown -h 7:8 /v/d/s"
                        + " && chown 1234:99 /v/d/f && chmod 4751 /v/d/f && chmod 750 /v/d && chown 5:6 /v/d");
        assertEquals(0, r.code(), r::describe);
    }

    /**
     * Each volume's entries with their owner, mode, link count, type, size and time (a symbolic
     * link: its target; busybox's cp keeps no link's time), in one container for all the volumes.
     */
    private static List<String> trees(String... volumes) {
        List<String> cmd = new java.util.ArrayList<>(List.of("run", "--rm"));
        for (int i = 0; i < volumes.length; i++) {
            cmd.addAll(List.of("-v", volumes[i] + ":/v" + i + ":ro"));
        }
        cmd.addAll(List.of(TestProject.BUSYBOX, "sh", "-c", "for v in \"$@\"; do echo \"== $v\"; cd $v && find . -mindepth 1 | sort"
                + " | while read f; do if [ -L \"$f\" ]; then stat -c '%n %u:%g %a %F %N' \"$f\";"
                + " else stat -c '%n %u:%g %a %h %F %s %Y' \"$f\"; fi; done; done", "sh"));
        for (int i = 0; i < volumes.length; i++) {
            cmd.add("/v" + i);
        }
        Run r = TestProject.docker(cmd.toArray(String[]::new));
        assertEquals(0, r.code(), r::describe);
        List<String> out = new java.util.ArrayList<>();
        for (String part : r.out().split("== /v[0-9]+\n", -1)) {
            out.add(part.strip());
        }
        assertEquals(volumes.length, out.size() - 1, r::describe);
        return out.subList(1, out.size());
    }

    @Test
    void saveCreateFromRestoreSeedAndRemove() throws Exception {
        try (TestProject p = TestProject.initialised(TWO_DB_VOLUMES)) {
            p.piko("create", "e1").ok();
            String db1 = p.composeProject("e1") + "_dbdata";
            String blob1 = p.composeProject("e1") + "_blobdata";
            String log1 = p.composeProject("e1") + "_dblog";
            fill(db1, "rows", "precious");
            write(log1, "rows", "logged");
            fill(blob1, "mine", "blob-data");

            Run save = p.piko("snapshot", "save", "e1", "s1").ok();
            assertTrue(save.err().contains("Pausing") && save.err().contains("Resumed"), save.describe());
            assertTrue(save.err().contains(NO_SHELL + " has no shell, cp or du: copying blobdata through Docker's archive stream"),
                    save.describe());
            assertFalse(save.err().contains("busybox:1 has no"), "the db's own image copies its volumes with cp\n" + save.describe());
            assertEquals("running", TestProject.docker("inspect", "-f", "{{.State.Status}}", p.composeProject("e1") + "-db-1")
                    .out().strip(), "the services run again after the copy");
            java.util.Properties index = new java.util.Properties();
            index.load(new java.io.StringReader(Files.readString(p.root.resolve(".piko/snapshots/s1.properties"))));
            assertTrue(Long.parseLong(index.getProperty("bytes.dbdata")) >= 4096, "du's size of the copy: " + index);
            assertEquals(NO_SHELL, index.getProperty("image.blobdata"), "each volume with its service's image: " + index);
            String list = p.piko("snapshot", "list", "--json").ok().out();
            assertTrue(list.contains("\"name\": \"s1\"") && list.contains("\"source\": \"e1\"") && list.contains("\"complete\": true")
                    && list.contains("\"dbdata\"") && list.contains("\"blobdata\""), list);

            p.piko("create", "e2", "--from", "s1").ok();
            String db2 = p.composeProject("e2") + "_dbdata";
            String blob2 = p.composeProject("e2") + "_blobdata";
            assertEquals("precious", read(db2, "rows"));
            assertEquals("blob-data", read(blob2, "mine"), "a service without a shell is copied too");
            assertEquals("image", read(blob2, "from-image.txt"));
            List<String> t = trees(db1, db2, log1, p.composeProject("e2") + "_dblog", blob1, blob2);
            assertTrue(t.get(0).contains("./rows 1234:99 644 1 regular file 9 ") && t.get(0).contains("./d/f 1234:99 4751 2 regular file"),
                    t.get(0));
            assertEquals(t.get(0), t.get(1), "cp in a container keeps owners, modes, hard and symbolic links");
            assertTrue(t.get(2).startsWith("./rows 1234:99 644 1 regular file 7 ") && !t.get(2).contains("./d"), t.get(2));
            assertEquals(t.get(2), t.get(3), "each volume of one run into its own copy");
            assertEquals(t.get(4).replace(" 4751 ", " 751 "), t.get(5),
                    "so does the archive stream, but for the setuid bit of a file with a hard link (Docker's extraction drops it)");
            write(db2, "rows", "changed-in-e2");
            assertEquals("precious", read(db1, "rows"), "a change in the copy does not reach the source");

            p.piko("create", "e3", "--from", "e2").ok();
            assertEquals("changed-in-e2", read(p.composeProject("e3") + "_dbdata", "rows"), "--from a live environment");

            p.piko("snapshot", "restore", "e2", "s1").ok();
            assertEquals("precious", read(db2, "rows"), "restore puts the snapshot's data back");
            assertEquals(2, CreateIT.runningServices(p.composeProject("e2")).size(), "and starts the environment again");

            p.piko("destroy", "e1", "--volumes", "--force").ok();
            assertTrue(p.piko("snapshot", "list").ok().out().contains("s1"), "a snapshot survives its source");

            p.pikoYaml("seed: s1\n");
            p.commit("seed");
            p.piko("create", "e4").ok();
            assertEquals("precious", read(p.composeProject("e4") + "_dbdata", "rows"), "seed: applies to a plain create");
            p.piko("create", "e5", "--empty").ok();
            assertTrue(read(p.composeProject("e5") + "_dbdata", "rows").startsWith("<missing"), "--empty opts out");

            p.piko("snapshot", "save", "e2", "half").ok();
            Files.delete(p.root.resolve(".piko/snapshots/half.properties"));  // what a save killed before its last step leaves
            assertTrue(p.piko("snapshot", "list").ok().out().contains("half (incomplete)"));
            Run doctor = p.piko("doctor");
            assertTrue(doctor.out().contains("snapshot half: incomplete"), doctor.describe());
            p.piko("doctor", "--fix");
            assertEquals("", TestProject.docker("volume", "ls", "-q", "--filter", "label=dev.piko.snapshot=half",
                    "--filter", "label=dev.piko.project=" + p.name).out().strip(), "doctor --fix removes an incomplete snapshot");

            p.piko("snapshot", "rm", "s1").ok();
            assertEquals("", TestProject.docker("volume", "ls", "-q", "--filter", "label=dev.piko.snapshot=s1",
                    "--filter", "label=dev.piko.project=" + p.name).out().strip(), "rm leaves no volume");
            assertFalse(Files.exists(p.root.resolve(".piko/snapshots/s1.properties")), "rm leaves no file");
            Run missing = p.piko("create", "e6").fails("piko.yaml's seed names snapshot 's1'");
            assertTrue(missing.err().contains("piko snapshot list"), missing.describe());
            assertFalse(Files.exists(p.worktree("e6")), "nothing made");
        }
    }

    @Test
    void mistakesAreErrorsWithHints() throws Exception {
        try (TestProject p = TestProject.initialised(COMPOSE)) {
            p.piko("snapshot", "save", "nosuch", "s").fails("no environment named 'nosuch'");
            p.piko("snapshot", "save", "nosuch", "Bad Name").fails("invalid snapshot name");
            p.piko("snapshot", "restore", "x").fails("takes <env> <snapshot>");
            assertTrue(p.piko("create", "e1", "--from", "nosuch").fails("no snapshot named 'nosuch'").err()
                    .contains("piko snapshot list"));
            assertFalse(Files.exists(p.worktree("e1")));
            assertTrue(p.piko("snapshot", "list").ok().err().contains("No snapshots"));
        }
    }

    @Test
    void ctrlCDuringASaveResumesTheServicesAndLeavesNoPartialSnapshot() throws Exception {
        try (TestProject p = TestProject.initialised(COMPOSE)) {
            p.piko("create", "e1").ok();
            String db = p.composeProject("e1") + "_dbdata";
            assertEquals(0, TestProject.docker("run", "--rm", "-v", db + ":/v", TestProject.BUSYBOX, "sh", "-c",
                    "for i in 1 2 3 4 5 6 7 8; do head -c 25m /dev/urandom > /v/big$i; done").code());
            List<String> output = new java.util.ArrayList<>();
            Process piko = OwnProcessGroup.start(p, output, OwnProcessGroup.said("Copying dbdata with cp"), "snapshot", "save", "e1", "cut");
            // Ctrl-C once the copy container exists (its create has returned): only piko's clean-up can remove it then
            while (TestProject.docker("ps", "-q", "--filter", "label=dev.piko.volume-copy", "--filter", "volume=" + db)
                    .out().isBlank()) {
                assertTrue(piko.isAlive(), () -> {
                    synchronized (output) {
                        return "the copy ended before the test saw its container:\n" + String.join("\n", output);
                    }
                });
            }
            TestProject.exec(p.root, java.util.Map.of(), List.of("kill", "-INT", "--", "-" + piko.pid())).ok();
            piko.waitFor();
            String said;
            synchronized (output) {
                said = String.join("\n", output);
            }
            assertEquals(130, piko.exitValue(), said);
            assertTrue(said.contains("Resumed"), said);
            for (String service : List.of("db", "blob")) {
                assertEquals("running false", TestProject.docker("inspect", "-f", "{{.State.Status}} {{.State.Paused}}",
                        p.composeProject("e1") + "-" + service + "-1").out().strip(), service + " runs again, not paused\n" + said);
            }
            assertEquals("", TestProject.docker("volume", "ls", "-q", "--filter", "label=dev.piko.snapshot=cut",
                    "--filter", "label=dev.piko.project=" + p.name).out().strip(), "no half-made copy is left\n" + said);
            assertFalse(Files.exists(p.root.resolve(".piko/snapshots/cut.properties")));
            assertEquals("", TestProject.docker("ps", "-aq", "--filter", "label=dev.piko.volume-copy").out().strip(),
                    "no helper or copy container is left");
        }
    }
}
