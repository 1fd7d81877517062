package piko.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import piko.exec.ProcessRunner;

/** The version, and where this piko came from: an installed launcher, a clone, or JBang's cache. */
final class Version implements IVersionProvider {
    static final String VERSION = "0.2.0";

    @Override
    public String[] getVersion() {
        return new String[] {"piko " + VERSION, "from: " + origin()};
    }

    static String origin() {
        String build = System.getProperty("piko.build");
        if (build != null) {
            Properties p = installProperties(Path.of(build));
            return "launcher in " + build + " (Java " + p.getProperty("java.major", "?") + ", "
                    + p.getProperty("archive", "no archive") + "), installed from " + p.getProperty("origin", "?");
        }
        // ./jbang, the clone's JBang wrapper, says where the clone is; JBang itself tells a script nothing.
        String clone = System.getenv("PIKO_SOURCE_DIR");
        if (clone != null && Files.isRegularFile(Path.of(clone, "piko.java"))) {
            return "clone " + clone + " at commit " + commit(clone);
        }
        String where = Version.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return where.matches(".*/jars/[^/]+\\.java\\.[0-9a-f]+/[^/]+\\.jar") ? "JBang (its build " + where + ")" : where;
    }

    private static String commit(String dir) {
        try {
            ProcessRunner.Result r = new ProcessRunner().run(ProcessRunner.Call.of(Duration.ofSeconds(10),
                    List.of("git", "-C", dir, "describe", "--always", "--dirty", "--abbrev=12")));
            return r.ok() ? r.stdout().strip() : "unknown (not a git checkout)";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Properties installProperties(Path build) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(build.resolve("install.properties"))) {
            p.load(in);
        } catch (IOException e) {
            // an older or damaged install: the version line still stands
        }
        return p;
    }
}
