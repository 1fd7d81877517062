package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The path of a team without a clone: the catalog published over HTTP, JBang installed, nothing
 * else. Fresh JBang folders, the POSIX locale and Java 17 (javac then reads sources as ASCII).
 */
class RemoteCatalogIT extends DockerRequired {
    private static final Path REPO = Path.of(System.getProperty("user.dir"));
    private static final Path JAVA17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @Test
    void aTeamRunsInstallsAndOnboardsThroughTheCatalogAlone() throws Exception {
        Path tmp = Files.createTempDirectory("piko-remote");
        Path jbangDir = tmp.resolve("jbang");
        Map<String, String> env = new HashMap<>(Map.of("JBANG_DIR", jbangDir.toString(),
                "JBANG_CACHE_DIR", tmp.resolve("jbang-cache").toString(), "LANG", "C", "LC_ALL", "C",
                "PATH", jbangDir.resolve("bin") + ":" + System.getenv("PATH")));
        if (Files.isDirectory(JAVA17)) {
            env.put("JAVA_HOME", JAVA17.toString());
        }
        // JBang, installed into the fresh JBANG_DIR by the clone's wrapper: from here on, only `jbang`.
        TestProject.exec(REPO, env, List.of("./jbang", "version")).ok();
        Path jbang = jbangDir.resolve("bin/jbang");
        assertTrue(Files.isExecutable(jbang));

        try (CatalogServer server = CatalogServer.serve(REPO, tmp.resolve("published"));
             TestProject app = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            String alias = "piko@" + server.catalogUrl();
            Run version = jbang(app.root, env, jbang, alias, "--version").ok();
            assertTrue(version.out().startsWith("piko "), version.describe());
            assertTrue(version.out().contains("from: JBang"), version.describe());

            jbang(app.root, env, jbang, alias, "init").ok();
            jbang(app.root, env, jbang, alias, "share", "redis").ok();
            jbang(app.root, env, jbang, alias, "create", "e1").ok();
            assertTrue(Files.isDirectory(app.worktree("e1")));
            assertEquals(List.of("running"), DockerOracle.containers("com.docker.compose.project", app.composeProject("e1"))
                    .stream().map(c -> c.getState()).distinct().toList(), "web of e1 runs");
            Run vars = jbang(app.root, env, jbang, alias, "env", "e1").ok();
            assertTrue(vars.out().contains("export PIKO_ENV_NAME='e1'"), vars.describe());
            assertTrue(vars.out().contains("export PIKO_REDIS_PORT='" + app.planned(0, 6379) + "'"), vars.describe());

            jbang(app.root, env, jbang, "app", "install", "--name", "piko-remote", alias).ok();
            Path fast = tmp.resolve("bin/piko");
            jbang(app.root, env, jbang, alias, "install", "--home", tmp.resolve("home").toString(),
                    "--bin-dir", fast.getParent().toString()).ok();
            server.close();

            // offline now: both installed commands run from what they keep
            Path installed = jbangDir.resolve("bin/piko-remote");
            Run list = TestProject.exec(app.root, env, List.of(installed.toString(), "list")).ok();
            assertTrue(list.out().contains("e1"), list.describe());
            Run fastList = TestProject.exec(app.root, env, List.of(fast.toString(), "list", "--json")).ok();
            assertTrue(fastList.out().contains("\"name\": \"e1\""), fastList.describe());
            assertFalse(Files.readString(fast).contains("jbang"), "the launcher runs without JBang");

            Run destroy = TestProject.exec(app.root, env, List.of(fast.toString(), "destroy", "e1")).ok();
            assertTrue(DockerOracle.containers("com.docker.compose.project", app.composeProject("e1")).isEmpty(),
                    destroy.describe());
            assertFalse(Files.exists(app.worktree("e1")));
        }
    }

    private static Run jbang(Path dir, Map<String, String> env, Path jbang, String... args) {
        List<String> cmd = new ArrayList<>(List.of(jbang.toString()));
        cmd.addAll(List.of(args));
        return TestProject.exec(dir, env, cmd);
    }
}
