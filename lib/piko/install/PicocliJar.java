package piko.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Picocli's published jar holds Java 5 class files, which no class-data archive (AppCDS, the AOT
 * cache) accepts, so picocli would be loaded and verified anew on every start. Its published
 * sources jar, compiled here with --release 17, gives class files the archive keeps.
 */
final class PicocliJar {
    static final String SUFFIX = "-release17.jar";

    private PicocliJar() {
    }

    /** Compiles the sources jar into {@code target}; returns why not, when it could not. */
    static Optional<String> compile(Path sourcesJar, Path target) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return Optional.of("this Java has no compiler (a JRE)");
        }
        Path work = Files.createTempDirectory("piko-picocli");
        try {
            Path src = work.resolve("src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> files = Jars.extract(sourcesJar, src, name -> name.endsWith(".java"));
            List<String> args = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-nowarn",
                    "-proc:none", "-Xlint:none", "-d", classes.toString()));
            for (String f : files) {
                args.add(src.resolve(f).toString());
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int code = javac.run(null, OutputStream.nullOutputStream(), log, args.toArray(String[]::new));
            if (code != 0) {
                return Optional.of("javac failed: " + firstLines(log.toString(StandardCharsets.UTF_8)));
            }
            Jars.pack(classes, target);
            return Optional.empty();
        } finally {
            Jars.deleteTree(work);
        }
    }

    static boolean isSourcesJar(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("picocli-") && name.endsWith("-sources.jar");
    }

    static boolean isPublishedJar(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("picocli-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                && !name.endsWith(SUFFIX) && hasEntry(jar, "picocli/CommandLine.class");
    }

    private static boolean hasEntry(Path jar, String entry) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstLines(String text) {
        return String.join("\n", text.lines().limit(5).toList());
    }
}
