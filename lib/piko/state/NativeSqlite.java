package piko.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc unpacks its native library into the temp folder on every start (about 80 ms of a
 * piko command). This keeps one unpacked copy per driver version in the user's cache and points
 * the driver at it. Any problem leaves the driver's own behaviour in place.
 */
final class NativeSqlite {
    private static final String LIB = "libsqlitejdbc.so";

    private NativeSqlite() {
    }

    static void useCachedCopy() {
        if (System.getProperty("org.sqlite.lib.path") != null || !OSInfo.getOSName().equals("Linux")) {
            return;
        }
        try {
            String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
            Path dir = cacheRoot().resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(folder);
            Path lib = dir.resolve(LIB);
            if (!Files.isRegularFile(lib)) {
                try (InputStream in = NativeSqlite.class.getResourceAsStream("/org/sqlite/native/" + folder + "/" + LIB)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, LIB, ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", LIB);
        } catch (IOException | RuntimeException e) {
            // the driver unpacks the library itself, as it would without piko's help
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("piko");
    }
}
