package piko.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How the launcher starts piko's JVM: which java, which flags, which class-data archive. */
record Launch(Jdks.Jdk jdk, Path build, List<Path> classPath, String codeHash) {
    /**
     * C1 only and the serial collector: piko's commands are short. piko formats nothing by locale,
     * and the host provider (absent on Linux, so the JDK's built-in fallback) spares loading CLDR's
     * locale data, which sqlite-jdbc's date formatter pulls in on every connection: measured as a
     * quarter of the instructions `piko env` runs beyond a bare JVM.
     */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Djava.locale.providers=HOST");

    /**
     * The AOT cache keeps the classes, not the training run's method profiles: with them, each
     * short run compiles at start what training found hot, whether this command uses it or not
     * (measured: a quarter of the instructions of `piko env`).
     */
    static final List<String> TRAINING_AOT = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");

    /** codeHash: the jars' hash, computed once here, so a run knows its build without hashing anything. */
    static Launch of(Jdks.Jdk jdk, Path build, List<Path> classPath, String codeHash) {
        return new Launch(jdk, build, List.copyOf(classPath), codeHash);
    }

    /** Java 25 brought the AOT cache (classes loaded and linked ahead); before it, AppCDS. */
    boolean aot() {
        return jdk.major() >= 25;
    }

    String archiveKind() {
        return aot() ? "AOT cache" : "AppCDS";
    }

    Path archive() {
        return build.resolve(aot() ? "piko.aot" : "piko.jsa");
    }

    /** The archive skips classes it cannot hold and says so; sqlite-jdbc loads a native library. */
    private List<String> quiet() {
        return aot() ? List.of("-Xlog:cds=off", "-Xlog:aot=off", "--enable-native-access=ALL-UNNAMED")
                : List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private List<String> base() {
        List<String> args = new ArrayList<>(JVM);
        args.addAll(quiet());
        args.add("-Dpiko.build=" + build);
        args.add("-Dpiko.code=" + codeHash);
        args.add("-cp");
        args.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        return args;
    }

    List<String> trainingCommand() {
        List<String> cmd = new ArrayList<>(List.of(jdk.java().toString()));
        if (aot()) {
            cmd.addAll(TRAINING_AOT);
        }
        cmd.add(aot() ? "-XX:AOTCacheOutput=" + archive() : "-XX:ArchiveClassesAtExit=" + archive());
        cmd.addAll(base());
        cmd.add(Installer.TRAINING_MAIN);
        return cmd;
    }

    String script(boolean withArchive, String version) {
        List<String> cmd = new ArrayList<>(List.of(jdk.java().toString()));
        if (withArchive) {
            cmd.add(aot() ? "-XX:AOTCache=" + archive() : "-XX:SharedArchiveFile=" + archive());
            if (!aot()) {
                cmd.add("-Xshare:auto");
            }
        }
        cmd.addAll(base());
        cmd.add(Installer.MAIN);
        return "#!/bin/sh\n"
                + "# piko " + version + " launcher, written by `piko install`: run that again to update it.\n"
                + "exec " + cmd.stream().map(Launch::quote).collect(Collectors.joining(" ")) + " \"$@\"\n";
    }

    /** Single quotes for sh, so paths with spaces or quotes survive. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
