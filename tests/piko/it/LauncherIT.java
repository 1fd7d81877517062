package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** piko started the way the README tells users: through JBang, by file and by catalog alias. */
class LauncherIT extends DockerRequired {
    private static final Path REPO = Path.of(System.getProperty("user.dir"));

    @Test
    void runsThroughTheJbangWrapperByFileAndByAlias() {
        Run byFile = TestProject.exec(REPO, Map.of(), List.of("./jbang", "piko.java", "--version"));
        assertEquals(0, byFile.code(), byFile.describe());
        assertTrue(byFile.out().startsWith("piko "), byFile.describe());
        Run byAlias = TestProject.exec(REPO, Map.of(), List.of("./jbang", "piko", "create", "--help"));
        assertEquals(0, byAlias.code(), byAlias.describe());
        assertTrue(byAlias.out().contains("Usage: piko create"), byAlias.describe());
    }

    @Test
    void versionNamesTheCloneOnlyWhenTheClonesOwnScriptRuns(@TempDir Path tmp) throws Exception {
        String clone = "from: clone " + REPO + " at commit ";
        for (List<String> own : List.of(List.of("./jbang", "piko", "--version"), List.of("./jbang", "piko.java", "--version"),
                List.of("./jbang", "run", "piko.java", "--version"))) {
            Run version = TestProject.exec(REPO, Map.of(), own);
            assertTrue(version.out().contains(clone), version.describe());
        }
        // The same files published: JBang runs the very jar the clone built, so only the wrapper can
        // tell that this script came from a catalog URL.
        try (CatalogServer server = CatalogServer.serve(REPO, tmp.resolve("published"))) {
            Run byUrl = TestProject.exec(REPO, Map.of(), List.of("./jbang", "piko@" + server.catalogUrl(), "--version"));
            assertEquals(0, byUrl.code(), byUrl.describe());
            assertTrue(byUrl.out().contains("from: JBang (its build "), byUrl.describe());
            assertFalse(byUrl.out().contains("clone"), byUrl.describe());
        }
    }

    @Test
    void installWritesALauncherThatRunsPikoWithoutJbangAndUpdatesItself(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("PIKO_HOME", home.resolve("share").toString(),
                "PIKO_BIN_DIR", home.resolve("bin").toString());
        try (TestProject app = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            Map<String, String> all = new java.util.HashMap<>(env);
            all.putAll(TestProject.MACHINE);
            Run path = TestProject.exec(app.root, all, List.of("bash", "-euo", "pipefail", "-c", newcomerPath(home, app.root)));
            assertEquals(0, path.code(), path.describe());
            assertTrue(Files.isDirectory(app.worktree("feature-x")), path.describe());
            assertTrue(path.out().contains("PIKO_ENV_NAME='feature-x'"), path.describe());
            assertEquals(2, DockerOracle.containers("com.docker.compose.project", app.composeProject("feature-x")).stream()
                    .filter(c -> "running".equals(c.getState())).count(), path.describe());
        }
        Path launcher = home.resolve("bin/piko");
        String script = Files.readString(launcher);
        assertFalse(script.contains("jbang"), script);
        Path build = onlyBuild(home);
        Path archive = build.resolve(script.contains("AOTCache") ? "piko.aot" : "piko.jsa");
        assertTrue(Files.size(archive) > 0, "a class archive from the training run: " + script);
        // picocli rebuilt from its sources for Java 17 (class file major 61), which the archive can hold
        try (ZipFile picocli = new ZipFile(onlyFile(build.resolve("lib"), "picocli-").toFile())) {
            byte[] head = picocli.getInputStream(picocli.getEntry("picocli/CommandLine.class")).readNBytes(8);
            assertEquals(61, head[7], "class file version of picocli's CommandLine");
        }
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            Run init = TestProject.exec(p.root, Map.of(), List.of(launcher.toString(), "init", "--quiet"));
            assertEquals(0, init.code(), init.describe());
            assertEquals("", init.err(), "no JVM warnings on stderr");
            Run list = TestProject.exec(p.root, Map.of(), List.of(launcher.toString(), "list"));
            assertTrue(list.err().contains("No environments yet"), list.describe());
            Run version = TestProject.exec(p.root, Map.of(), List.of(launcher.toString(), "--version"));
            assertTrue(version.out().contains("from: launcher in " + build), version.describe());
            assertTrue(version.out().contains("installed from clone " + REPO), version.describe());
            // what create loads comes from the archive: install's training creates an environment too (TrainingProject)
            Path loads = home.resolve("create-classes.txt");
            Map<String, String> logged = new java.util.HashMap<>(TestProject.MACHINE);
            logged.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loads);
            TestProject.exec(p.root, logged, List.of(launcher.toString(), "create", "e1")).ok();
            String classes = Files.readString(loads);
            for (String c : List.of("piko.core.OverrideFile", "piko.core.PortPlan", "piko.core.Steps", "piko.model.ComposeModel")) {
                assertTrue(classes.contains(" " + c + " source: shared objects file"),
                        c + " from the archive: " + classes.lines().filter(l -> l.contains(" " + c + " ")).toList());
            }
        }
        // the installed launcher installs again: a new build replaces the old one
        Run again = TestProject.exec(REPO, env, List.of(launcher.toString(), "install"));
        assertEquals(0, again.code(), again.describe());
        Path newBuild = onlyBuild(home);
        assertNotEquals(build, newBuild);
        assertTrue(Files.readString(launcher).contains(newBuild.toString()));
        Run version = TestProject.exec(REPO, Map.of(), List.of(launcher.toString(), "--version"));
        assertTrue(version.out().contains("from: launcher in " + newBuild), version.describe());
    }

    /**
     * The README's path from a clone of piko to the user's app, from `~/piko/install` on: this clone
     * as ~/piko, the app as ~/src/myapp, the launcher's folder under the test's home.
     */
    static String newcomerPath(Path home, Path app) throws java.io.IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        int section = readme.indexOf("## From a clone of piko to your own app");
        assertTrue(section >= 0, "the README's newcomer section");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        return block.lines().filter(l -> !l.startsWith("git clone"))
                .map(l -> l.replace("~/piko", REPO.toString()).replace("~/src/myapp", app.toString())
                        .replace("$HOME/.local/bin", home.resolve("bin").toString()))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static Path onlyBuild(Path home) throws Exception {
        try (var builds = Files.list(home.resolve("share/builds"))) {
            List<Path> all = builds.toList();
            assertEquals(1, all.size(), "builds: " + all);
            return all.get(0);
        }
    }

    private static Path onlyFile(Path dir, String prefix) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}
