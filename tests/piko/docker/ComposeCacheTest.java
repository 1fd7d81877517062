package piko.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.exec.ProcessRunner.Call;

/** Compose's answers kept between commands: asked again whenever anything they depend on changed. */
class ComposeCacheTest {
    @TempDir
    Path dir;

    private final AtomicInteger asked = new AtomicInteger();

    private ComposeCache cache(Map<String, String> env) {
        return new ComposeCache(dir.resolve("cache"), env);
    }

    private Map<String, String> docker() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("docker/cli-plugins"));
        if (!Files.exists(plugins.resolve("docker-compose"))) {
            Files.writeString(plugins.resolve("docker-compose"), "v1");
        }
        return Map.of("DOCKER_CONFIG", dir.resolve("docker").toString(), "PATH", "", "TAG", "1");
    }

    private String model(ComposeCache c, Path project) {
        Call call = Call.of(null, List.of("docker", "compose", "-p", "p", "config")).in(project);
        return c.model(call, project, List.of(project.resolve("compose.yaml")), () -> "model " + asked.incrementAndGet());
    }

    @Test
    void aModelIsKeptUntilAFileComposeReadsOrTheEnvironmentChanges() throws Exception {
        Path project = Files.createDirectories(dir.resolve("app"));
        Files.writeString(project.resolve("compose.yaml"), "services:\n  web:\n    image: x:${TAG}\n    env_file: [web.env]\n");
        Files.writeString(project.resolve("web.env"), "A=1\n");
        Map<String, String> env = docker();
        assertEquals("model 1", model(cache(env), project));
        assertEquals("model 1", model(cache(env), project), "a second command reads it from the cache");
        Files.writeString(project.resolve("web.env"), "A=2\n");
        assertEquals("model 2", model(cache(env), project), "an env_file changed");
        Files.writeString(project.resolve(".env"), "TAG=2\n");
        assertEquals("model 3", model(cache(env), project), "the project's .env appeared");
        assertEquals("model 4", model(cache(Map.of("DOCKER_CONFIG", env.get("DOCKER_CONFIG"), "PATH", "", "TAG", "2"))
                , project), "a variable changed");
        Files.writeString(dir.resolve("docker/cli-plugins/docker-compose"), "v22");
        assertEquals("model 5", model(cache(env), project), "another compose plugin");
        assertEquals("model 5", model(cache(env), project));
    }

    @Test
    void aModelWhosePathsComposeInterpolatesIsNeverKept() throws Exception {
        Path project = Files.createDirectories(dir.resolve("app"));
        Files.writeString(project.resolve("compose.yaml"), "services:\n  web:\n    image: x\n    env_file: [\"${ENV_DIR}/web.env\"]\n");
        Map<String, String> env = docker();
        assertEquals("model 1", model(cache(env), project));
        assertEquals("model 2", model(cache(env), project));
    }

    @Test
    void theVersionIsKeptUntilThePluginChanges() throws Exception {
        Map<String, String> env = docker();
        assertEquals("2.26.1", cache(env).version(() -> "2.26.1"));
        assertEquals("2.26.1", cache(env).version(() -> "asked again"));
        Files.writeString(dir.resolve("docker/cli-plugins/docker-compose"), "newer build");
        assertEquals("2.30.0", cache(env).version(() -> "2.30.0"));
        assertEquals("none kept", ComposeCache.none().version(() -> "none kept"));
    }
}
