package piko.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java installations on this machine, read from each one's `release` file (no process is
 * started). The launcher runs on the newest: Java 25 and newer bring the AOT cache, which starts
 * piko faster than Java 17's AppCDS.
 */
public final class Jdks {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([0-9]+)");

    /** One installation: its home, its major version, and whether it has javac. */
    public record Jdk(Path home, int major) {
        public Path java() {
            return home.resolve("bin/java");
        }
    }

    private Jdks() {
    }

    /** The installation to run piko on: the one named (a java binary or a JDK home), else the newest 17+. */
    public static Optional<Jdk> choose(String named) {
        if (named != null && !named.isBlank()) {
            return fromJava(Path.of(named));
        }
        return candidates().stream()
                .map(Jdks::fromHome)
                .flatMap(Optional::stream)
                .filter(j -> j.major() >= 17)
                .max(Comparator.comparingInt(Jdk::major));
    }

    /** The installation a java binary (or a JDK home) belongs to. */
    public static Optional<Jdk> fromJava(Path javaOrHome) {
        Path p = javaOrHome.toAbsolutePath();
        if (Files.isDirectory(p)) {
            return fromHome(p);
        }
        try {
            Path real = p.toRealPath();
            return real.getParent() == null ? Optional.empty() : fromHome(real.getParent().getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Jdk> fromHome(Path home) {
        try {
            Path real = home.toRealPath();
            Path release = real.resolve("release");
            if (!Files.isExecutable(real.resolve("bin/java")) || !Files.isRegularFile(release)) {
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return Optional.empty();
            }
            int major = Integer.parseInt(m.group(1));
            return Optional.of(new Jdk(real, major == 1 ? 8 : major));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** JDK homes worth a look: JAVA_HOME, java on PATH, this JVM, and the usual install folders. */
    private static List<Path> candidates() {
        Set<Path> homes = new LinkedHashSet<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path java = Path.of(dir.isEmpty() ? "." : dir, "java");
                if (Files.isExecutable(java)) {
                    fromJava(java).ifPresent(j -> homes.add(j.home()));
                }
            }
        }
        homes.add(Path.of(System.getProperty("java.home")));
        String userHome = System.getProperty("user.home");
        for (String parent : List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/Library/Java/JavaVirtualMachines",
                userHome + "/.jbang/cache/jdks", userHome + "/.sdkman/candidates/java")) {
            homes.addAll(children(Path.of(parent)));
        }
        List<Path> result = new ArrayList<>();
        for (Path h : homes) {
            result.add(Files.isDirectory(h.resolve("Contents/Home")) ? h.resolve("Contents/Home") : h);
        }
        return result;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
