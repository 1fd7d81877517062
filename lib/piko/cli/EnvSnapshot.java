package piko.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import piko.config.PikoConfig;
import piko.core.Names;
import piko.core.Workspace;
import piko.error.PikoException;
import piko.model.Project;
import piko.state.StateStamp;
import piko.text.EnvFormat;
import piko.text.TextFile;

/**
 * `piko env [<name>]` answered without opening the state: its last answer, kept with what it
 * depends on (the state's stamp it was read under, piko's version, piko.yaml, the project's
 * folder, the router's settings: its URLs are there while it runs). Shells and scripts run it often; opening SQLite and parsing the command line would
 * cost more than the JVM's own start. When anything differs, the command runs in full and keeps
 * its new answer.
 */
final class EnvSnapshot {
    private static final String DIR = "env";

    private EnvSnapshot() {
    }

    /** Prints the kept answer when these arguments are a plain `env [<name>] [--format <f>]` and it is current. */
    static boolean answer(String[] args, Path cwd, PrintWriter out) {
        if (args.length == 0 || args.length > 4 || !args[0].equals("env")) {
            return false;
        }
        try {
            return answerKept(args, cwd, out);
        } catch (RuntimeException e) {
            return false;  // whatever it was, the command in full says it properly
        }
    }

    /** The name and format of `env [<name>] [--format <f>|--format=<f>]`, in any order; null for anything else. */
    static String[] plainEnv(String[] args) {
        String name = null;
        String format = EnvFormat.SH;
        boolean formatGiven = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--format") && i + 1 < args.length) || a.startsWith("--format=")) {
                format = a.equals("--format") ? args[++i] : a.substring("--format=".length());
                if (formatGiven || format.equals(EnvFormat.JSON) || !EnvFormat.ALL.contains(format)) {
                    return null;
                }
                formatGiven = true;
            } else if (a.startsWith("-") || name != null) {
                return null;
            } else {
                name = a;
            }
        }
        return new String[] {name, format};
    }

    private static boolean answerKept(String[] args, Path cwd, PrintWriter out) {
        String[] plain = plainEnv(args);
        Optional<Path> root = Workspace.findRoot(cwd);
        if (plain == null || root.isEmpty()) {
            return false;
        }
        String name = plain[0] != null ? plain[0]
                : Workspace.environmentAt(Project.worktreesDir(root.get()), cwd).orElse(null);
        String token = StateStamp.current(root.get().resolve(Workspace.DIR));
        if (!Names.isValidEnvName(name) || token == null) {
            return false;
        }
        String kept;
        try {
            kept = Files.readString(file(root.get(), name, plain[1]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        String key = key(root.get(), token);
        if (key == null || !kept.startsWith(key)) {
            return false;
        }
        out.print(kept.substring(key.length()));
        out.flush();
        return true;  // a closed stdout fails the command in full no differently
    }

    /**
     * What an answer computed from here on depends on, read before the state and piko.yaml are;
     * null when no token counts (a write runs).
     */
    static String keyBeforeReading(Path cwd) {
        Optional<Path> root = Workspace.findRoot(cwd);
        String token = root.map(r -> StateStamp.current(r.resolve(Workspace.DIR))).orElse(null);
        return token == null ? null : key(root.get(), token);
    }

    /**
     * Keeps env's answer for an environment a command has just made or changed, so that the
     * next `piko env` finds it: its key read first, then the state.
     */
    static void keepCurrent(Path cwd, Path root, String name, java.util.function.Supplier<String> answer) {
        String key = keyBeforeReading(cwd);
        if (key != null) {
            keep(root, name, EnvFormat.SH, key, answer.get());
        }
    }

    /** Keeps the answer of `env <name> --format <format>`, computed after its key was read. */
    static void keep(Path root, String name, String format, String key, String answer) {
        try {
            TextFile.write(file(root, name, format), key + answer);
        } catch (PikoException e) {
            // without it the next env runs in full, as this one did
        }
    }

    /** Removes the kept answer of an environment that is gone (its stamp no longer matches it anyway). */
    static void forget(Path root, String name) {
        for (String format : EnvFormat.ALL) {
            try {
                Files.deleteIfExists(file(root, name, format));
            } catch (IOException e) {
                // a stale answer is never shown: the destroy changed the state's stamp
            }
        }
    }

    /** `.piko/env/<name>` for sh, `<name>.<format>` for the others (environment names hold no dot). */
    private static Path file(Path root, String name, String format) {
        return root.resolve(Workspace.DIR).resolve(DIR).resolve(format.equals(EnvFormat.SH) ? name : name + "." + format);
    }

    /**
     * What an answer depends on besides the state: a header line each, then a blank line. The
     * build and the state's schema are in it, so that a piko built from other code, or a state
     * migrated by a newer piko, never serves this answer; null when the state's schema is not the
     * one this piko writes (the command in full migrates it or refuses it).
     */
    private static String key(Path root, String token) {
        int schema = StateStamp.schemaOnDisk(Workspace.stateFile(root));
        if (schema != StateStamp.SCHEMA) {
            return null;
        }
        return "piko " + Version.VERSION + "\nbuild " + Build.ID + "\nschema " + schema + "\nroot " + root
                + "\nstate " + token + "\n" + PikoConfig.FILE_NAME + " " + checksum(root.resolve(PikoConfig.FILE_NAME))
                + "\nrouter " + piko.router.RouterSettings.fingerprint(Context.machineDir()) + "\n\n";
    }

    private static String checksum(Path file) {
        try {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file));
            return Long.toHexString(crc.getValue());
        } catch (IOException e) {
            return "none";
        }
    }
}
