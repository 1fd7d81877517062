package piko.install;

import piko.error.ExitCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import piko.error.PikoException;
import piko.exec.ProcessRunner;

/**
 * Writes the everyday launcher: piko's jars copied out of whatever runs this piko (JBang's cache,
 * a clone's build, an earlier install), a class-data archive made by a training run, and a
 * shell script that starts one JVM on the newest Java found. Each install goes into a build folder
 * of its own under the home (an archive is only used with the class path it was trained on); the
 * launcher is switched to it atomically, then older builds are removed.
 */
public final class Installer {
    /** The class a training run starts; it runs everyday commands once, in one JVM. */
    static final String TRAINING_MAIN = "piko.cli.Training";
    static final String MAIN = "piko.cli.Main";
    private static final java.time.format.DateTimeFormatter BUILD_NAME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    public record Options(Path binDir, Path home, String java, String version, String origin) {
    }

    public record Installed(Path launcher, Path build, Jdks.Jdk jdk, String archive, List<String> notes) {
    }

    /** Where the installer says what it is doing: a step under way, or one done. */
    public interface Progress {
        void step(String message);

        void done(String message);
    }

    private final ProcessRunner runner;
    private final Progress reporter;

    public Installer(ProcessRunner runner, Progress reporter) {
        this.runner = runner;
        this.reporter = reporter;
    }

    public Installed install(Options o) {
        Jdks.Jdk jdk = Jdks.choose(o.java()).orElseThrow(() -> new PikoException(
                o.java() == null ? "no Java 17 or newer found on this machine"
                        : "no Java installation at " + o.java(),
                "install a JDK 17 or newer (25 or newer starts piko fastest), or name one with --java", ExitCode.FAILURE));
        if (jdk.major() < 17) {
            throw new PikoException("piko needs Java 17 or newer; " + jdk.home() + " is Java " + jdk.major(),
                    "name another with --java");
        }
        try (Lock lock = Lock.take(o.home())) {
            return installLocked(o, jdk);
        }
    }

    private Installed installLocked(Options o, Jdks.Jdk jdk) {
        Path build = o.home().resolve("builds").resolve(BUILD_NAME.format(Instant.now()) + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(build.resolve("lib"));
            List<String> notes = new ArrayList<>();
            List<Path> classPath = copyJars(build.resolve("lib"), notes);
            reporter.done("Copied piko and its " + (classPath.size() - 1) + " libraries into " + build);
            Launch launch = Launch.of(jdk, build, classPath, Jars.hash(classPath));
            String archive = train(launch, notes);
            writeProperties(build, o, jdk, archive);
            Path launcher = o.binDir().resolve("piko");
            writeLauncher(launcher, launch.script(archive != null, o.version()));
            removeOtherBuilds(o.home().resolve("builds"), build);
            return new Installed(launcher, build, jdk, archive, notes);
        } catch (IOException e) {
            deleteQuietly(build);
            throw new PikoException("could not install into " + o.home() + ": " + e.getMessage(),
                    "check that " + o.home() + " and " + o.binDir() + " are writable");
        } catch (RuntimeException e) {
            deleteQuietly(build);
            throw e;
        }
    }

    /** Two installs at once would each remove the other's build: the second waits for the first. */
    private record Lock(java.nio.channels.FileChannel channel) implements AutoCloseable {
        static Lock take(Path home) {
            try {
                Files.createDirectories(home);
                var channel = java.nio.channels.FileChannel.open(home.resolve("install.lock"),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                channel.lock();
                return new Lock(channel);
            } catch (IOException e) {
                throw new PikoException("could not lock " + home + " for the install: " + e.getMessage(),
                        "check that " + home + " is writable");
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing is left to undo
            }
        }
    }

    /** Every jar this JVM runs piko from, picocli recompiled where its sources are at hand. */
    private List<Path> copyJars(Path lib, List<String> notes) throws IOException {
        List<Path> entries = classPathEntries();
        Path own = ownLocation();
        Optional<Path> picocliSources = entries.stream().filter(PicocliJar::isSourcesJar).findFirst();
        List<Path> copied = new ArrayList<>();
        Path ownJar = lib.resolve("piko.jar");
        if (Files.isDirectory(own)) {
            Jars.pack(own, ownJar);
        } else {
            Files.copy(own, ownJar);
        }
        copied.add(ownJar);
        for (Path entry : entries) {
            if (entry.equals(own) || PicocliJar.isSourcesJar(entry) || !Files.isRegularFile(entry)) {
                continue;
            }
            if (PicocliJar.isPublishedJar(entry) && picocliSources.isPresent()) {
                String name = entry.getFileName().toString().replace(".jar", PicocliJar.SUFFIX);
                Path target = lib.resolve(name);
                reporter.step("Compiling picocli for the class archive (once per install)...");
                Optional<String> why = PicocliJar.compile(picocliSources.get(), target);
                if (why.isEmpty()) {
                    copied.add(target);
                    continue;
                }
                notes.add("picocli stays as published (Java 5 classes, outside the archive): " + why.get());
            }
            Path target = lib.resolve(uniqueName(lib, entry.getFileName().toString()));
            Files.copy(entry, target);
            copied.add(target);
        }
        return copied;
    }

    private String train(Launch launch, List<String> notes) throws IOException {
        TrainingProject training = TrainingProject.make(runner);
        String failure;
        try {
            reporter.step("Training the class archive on Java " + launch.jdk().major() + "...");
            // A command that fails still loaded what it loaded: the archive is made all the same.
            failure = runner.run(ProcessRunner.Call.of(Duration.ofMinutes(3), launch.trainingCommand()).in(training.project)
                    .withEnv(training.environment())).output();
        } catch (PikoException e) {
            failure = e.getMessage();
        } finally {
            Jars.deleteTree(training.root);
        }
        if (Files.isRegularFile(launch.archive()) && Files.size(launch.archive()) > 0) {
            return launch.archiveKind();
        }
        notes.add("the training run made no class archive, so piko starts without one: " + failure);
        return null;
    }

    private static void writeProperties(Path build, Options o, Jdks.Jdk jdk, String archive) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", o.version());
        p.setProperty("origin", o.origin());
        p.setProperty("java", jdk.java().toString());
        p.setProperty("java.major", String.valueOf(jdk.major()));
        p.setProperty("archive", archive == null ? "none" : archive);
        p.setProperty("installed", Instant.now().toString());
        try (var out = Files.newBufferedWriter(build.resolve("install.properties"))) {
            p.store(out, "written by piko install");
        }
    }

    /** Written beside and moved into place, so a piko starting meanwhile reads the old or the new one. */
    private static void writeLauncher(Path launcher, String script) throws IOException {
        Files.createDirectories(launcher.getParent());
        Path tmp = launcher.resolveSibling(".piko." + ProcessHandle.current().pid());
        Files.writeString(tmp, script);
        tmp.toFile().setExecutable(true, false);
        Files.move(tmp, launcher, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeOtherBuilds(Path builds, Path keep) throws IOException {
        try (Stream<Path> s = Files.list(builds)) {
            for (Path b : s.filter(b -> !b.equals(keep)).toList()) {
                Jars.deleteTree(b);
            }
        }
    }

    private static List<Path> classPathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    private static Path ownLocation() {
        try {
            return Path.of(Installer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            throw new PikoException("cannot tell where this piko's classes are: " + e.getMessage());
        }
    }

    private static String uniqueName(Path dir, String name) {
        String candidate = name;
        for (int i = 2; Files.exists(dir.resolve(candidate)); i++) {
            candidate = i + "-" + name;
        }
        return candidate;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Jars.deleteTree(dir);
        } catch (IOException ignored) {
            // the next install removes leftover builds
        }
    }
}
