package piko.cli;

import piko.error.ExitCode;
import java.io.File;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import piko.install.Installer;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the fast piko launcher: one JVM on the newest Java found, with a class-data archive.",
                "Run it again to update. Works from any piko: a clone, a JBang alias, an installed launcher."})
final class Install extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Option(names = "--bin-dir", paramLabel = "<dir>", description = "Where the `piko` launcher goes (default: ~/.local/bin).")
    Path binDir;

    @Option(names = "--home", paramLabel = "<dir>", description = "Where piko's jars and archive go (default: ~/.local/share/piko).")
    Path home;

    @Option(names = "--java", paramLabel = "<java>",
            description = "The java (binary or JDK home) to run piko on (default: $PIKO_JAVA, else the newest 17+ found).")
    String java;

    @Override
    int execute() {
        // $HOME first, as the shell that will run the launcher sees it (Java's user.home ignores it)
        Path userHome = envPath("HOME", Path.of(System.getProperty("user.home")));
        Path bin = binDir != null ? binDir : envPath("PIKO_BIN_DIR", userHome.resolve(".local/bin"));
        Path dest = home != null ? home : envPath("PIKO_HOME", userHome.resolve(".local/share/piko"));
        Console console = console();
        Installer.Installed done = new Installer(context.runner(), new Installer.Progress() {
            @Override
            public void step(String message) {
                console.info(message);
            }

            @Override
            public void done(String message) {
                console.done(message);
            }
        }).install(new Installer.Options(
                bin.toAbsolutePath().normalize(), dest.toAbsolutePath().normalize(),
                java != null ? java : System.getenv("PIKO_JAVA"), Version.VERSION, Version.origin()));
        done.notes().forEach(console::warn);
        console.done("Installed piko " + Version.VERSION + " on Java " + done.jdk().major() + " (" + done.jdk().home() + ")"
                + (done.archive() != null ? " with its " + done.archive() : ""));
        console.done("Launcher: " + done.launcher());
        if (!onPath(done.launcher().getParent())) {
            console.info("To run it as `piko`, put " + done.launcher().getParent() + " on PATH (and in ~/.bashrc or ~/.zshrc):");
            console.info("  export PATH=\"" + done.launcher().getParent() + ":$PATH\"");
        }
        return ExitCode.OK.code();
    }

    private static Path envPath(String variable, Path fallback) {
        String v = System.getenv(variable);
        return v == null || v.isBlank() ? fallback : Path.of(v);
    }

    private static boolean onPath(Path dir) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Path.of(d).toAbsolutePath().normalize().equals(dir)) {
                return true;
            }
        }
        return false;
    }
}
