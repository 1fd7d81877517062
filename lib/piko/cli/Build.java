package piko.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which build of piko runs, for what piko keeps between runs (env's kept answer): the hash of its
 * jars that `piko install` computed once and wrote into the launcher (piko.code), or else the
 * place, size and time of the jar JBang built (JBang names its build folder by a hash of the
 * sources and builds anew when they change). Nothing is hashed per call.
 */
final class Build {
    static final String ID = id();

    private Build() {
    }

    private static String id() {
        String installed = System.getProperty("piko.code");
        if (installed != null && !installed.isBlank()) {
            return "installed " + installed;
        }
        try {
            Path where = Path.of(Build.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                // classes compiled into a folder (a development build): this class's own file stands for it
                where = where.resolve(Build.class.getName().replace('.', File.separatorChar) + ".class");
            }
            BasicFileAttributes a = Files.readAttributes(where, BasicFileAttributes.class);
            return where + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            return "unknown " + System.nanoTime();  // an answer kept by an unknown build is never reused
        }
    }
}
