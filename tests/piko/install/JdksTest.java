package piko.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdksTest {
    private static Path fakeJdk(Path root, String name, String version) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void readsTheMajorVersionFromTheReleaseFile() throws IOException {
        Path root = Files.createTempDirectory("jdks");
        assertEquals(25, Jdks.fromJava(fakeJdk(root, "a", "25.0.1").resolve("bin/java")).orElseThrow().major());
        assertEquals(17, Jdks.fromJava(fakeJdk(root, "b", "17.0.15")).orElseThrow().major());
        assertEquals(8, Jdks.fromJava(fakeJdk(root, "c", "1.8.0_402")).orElseThrow().major());
        assertTrue(Jdks.fromJava(root.resolve("nothing/bin/java")).isEmpty());
    }

    @Test
    void aNamedJavaWinsOverTheNewest() throws IOException {
        Path root = Files.createTempDirectory("jdks");
        Path old = fakeJdk(root, "old", "17.0.2");
        assertEquals(old.toRealPath(), Jdks.choose(old.resolve("bin/java").toString()).orElseThrow().home());
    }

    @Test
    void theLauncherQuotesEveryWordForSh() {
        Launch launch = Launch.of(new Jdks.Jdk(Path.of("/opt/my jdk"), 25), Path.of("/h/it's"), List.of(Path.of("/h/it's/lib/a.jar")), "c0de");
        String script = launch.script(true, "1.0");
        assertTrue(script.contains("exec '/opt/my jdk/bin/java' '-XX:AOTCache=/h/it'\\''s/piko.aot'"), script);
        assertTrue(script.endsWith("'piko.cli.Main' \"$@\"\n"), script);
        assertTrue(script.contains("'-Dpiko.code=c0de'"), script);
        assertEquals("'a b'", Launch.quote("a b"));
    }
}
