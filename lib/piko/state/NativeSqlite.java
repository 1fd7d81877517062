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
 *
 * The folder of the library inside the driver's jar is worked out here for the common Linux
 * machines: the driver's own OSInfo starts `uname -o` (looking for Android) and reads every entry
 * of /proc/self/map_files (looking for musl), 50 to 90 ms of each piko command.
 */
public final class NativeSqlite {
    private static final String LIB = "libsqlitejdbc.so";
    private static volatile boolean connected;
    private static volatile boolean ownCopy;

    private NativeSqlite() {
    }

    private static void useCachedCopy() {
        if (System.getProperty("org.sqlite.lib.path") != null || !System.getProperty("os.name", "").equals("Linux")) {
            return;
        }
        try {
            String folder = linuxFolder();
            Path dir = cacheRoot().resolve(driverKey()).resolve(folder);
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
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                // the driver lists its temporary folder on each start, for copies of earlier runs to delete
                System.setProperty("org.sqlite.tmpdir", dir.toString());
            }
            ownCopy = true;
        } catch (IOException | RuntimeException e) {
            // the driver unpacks the library itself, as it would without piko's help
        }
    }

    /** The driver's folder name for this Linux machine, as its OSInfo names it, asking it only for rare ones. */
    static String linuxFolder() {
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null || System.getProperty("java.runtime.name", "").toLowerCase().contains("android")) {
            return OSInfo.getNativeLibFolderPathForCurrentOS();
        }
        boolean musl = Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1"));
        return (musl ? "Linux-Musl/" : "Linux/") + arch;
    }

    /**
     * One copy per driver jar: its file name (which carries the version) and size. Asking the driver
     * for its version opens its 14 MB jar, 20 to 35 ms that a class archive otherwise spares.
     */
    private static String driverKey() throws IOException {
        try {
            Path jar = Path.of(SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                return jar.getFileName().toString().replaceAll("\\.jar$", "") + "-" + Files.size(jar);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // not a plain jar file: name the copy by the version the driver reports
        }
        return "sqlite-jdbc-" + SQLiteJDBCLoader.getVersion();
    }

    /**
     * A connection from the driver itself: DriverManager first looks for every JDBC driver on the
     * class path, opening each jar (the driver's is 14 MB), 10 to 20 ms of a piko command.
     */
    static java.sql.Connection connect(Path file, java.util.Properties properties) throws java.sql.SQLException {
        useCachedCopy();
        connected = true;
        return org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, properties);
    }

    /**
     * True when the driver unpacked its library itself: it then deletes the copy in a shutdown
     * hook, which only an orderly JVM exit runs.
     */
    public static boolean driverUnpackedItsLibrary() {
        return connected && !ownCopy;
    }

    /** Where the unit tests' JVM keeps its own copy (set by tests/PikoTests.java), apart from the user's cache. */
    public static final String CACHE_PROPERTY = "piko.cache.dir";

    private static Path cacheRoot() {
        String forTests = System.getProperty(CACHE_PROPERTY);
        if (forTests != null && !forTests.isBlank()) {
            return Path.of(forTests);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("piko");
    }
}
