package piko.router;

import piko.error.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import piko.error.PikoException;
import piko.text.TextFile;

/**
 * The router's settings, remembered for the whole machine in router.properties beside the
 * machine-wide port record, and whether it is meant to run (what piko's URLs rely on, without
 * asking Docker).
 */
public record RouterSettings(int httpPort, int httpsPort, int adminPort, String image, boolean running) {
    public static final String FILE_NAME = "router.properties";
    public static final RouterSettings DEFAULTS = new RouterSettings(80, 443, 2019, "caddy:2", false);

    public static Path file(Path machineDir) {
        return machineDir.resolve(FILE_NAME);
    }

    /** The remembered settings, or the defaults; an unreadable line keeps its default. */
    public static RouterSettings load(Path machineDir) {
        Map<String, String> kv = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file(machineDir), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            return DEFAULTS;
        }
        RouterSettings d = DEFAULTS;
        return new RouterSettings(port(kv.get("http-port"), d.httpPort()), port(kv.get("https-port"), d.httpsPort()),
                port(kv.get("admin-port"), d.adminPort()), kv.getOrDefault("image", d.image()),
                "true".equals(kv.get("running")));
    }

    public void save(Path machineDir) {
        TextFile.write(file(machineDir), "# piko's router: piko router start|stop|status|ca\n"
                + "http-port=" + httpPort + "\nhttps-port=" + httpsPort + "\nadmin-port=" + adminPort
                + "\nimage=" + image + "\nrunning=" + running + "\n");
    }

    public RouterSettings running(boolean on) {
        return new RouterSettings(httpPort, httpsPort, adminPort, image, on);
    }

    /** These settings with the options given on the command line (null: keep). */
    public RouterSettings with(Integer http, Integer https, Integer admin, String newImage) {
        RouterSettings s = new RouterSettings(http != null ? http : httpPort, https != null ? https : httpsPort,
                admin != null ? admin : adminPort, newImage != null ? newImage : image, running);
        if (s.httpPort == s.httpsPort || s.httpPort == s.adminPort || s.httpsPort == s.adminPort) {
            throw new PikoException("the router's http, https and admin ports must differ (" + s.httpPort + ", "
                    + s.httpsPort + ", " + s.adminPort + ")", "choose others: --http-port, --https-port, --admin-port", ExitCode.USAGE);
        }
        return s;
    }

    /** What piko's answers that show URLs depend on: a checksum of the file (none when absent). */
    public static String fingerprint(Path machineDir) {
        try {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file(machineDir)));
            return Long.toHexString(crc.getValue());
        } catch (IOException e) {
            return "none";
        }
    }

    /**
     * The router's container: piko-router for the user's machine-wide record; a record of its own
     * (PIKO_MACHINE_DB, as the tests set) gets a router of its own, so tests never touch the user's.
     */
    public static String containerName(Path machineDir, boolean defaultRecord) {
        if (defaultRecord) {
            return "piko-router";
        }
        CRC32 crc = new CRC32();
        crc.update(machineDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        return "piko-router-" + Long.toHexString(crc.getValue());
    }

    private static int port(String value, int fallback) {
        try {
            int p = Integer.parseInt(value);
            return p > 0 && p < 65536 ? p : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }
}
