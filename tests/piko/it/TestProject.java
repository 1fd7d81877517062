package piko.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * A throw-away git repository with a compose file, and piko run on it as a separate process
 * (the way users run it). close() removes every Docker resource labelled with its project.
 */
final class TestProject implements AutoCloseable {
    static final String BUSYBOX = "piko-test/busybox:1";
    static final String REDIS = "piko-test/redis:1";
    /** A web service and a redis, each publishing a port, redis keeping data in a named volume. */
    static final String WEB_AND_REDIS = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"]
                stop_grace_period: 1s
                ports: ["8080"]
                depends_on: [redis]
              redis:
                image: piko-test/redis:1
                ports: ["6379:6379"]
                volumes: [data:/data]
                stop_grace_period: 1s
            volumes:
              data: {}
            """;

    /** Port bases of test projects: 12 ranges of 1000 ports below the ephemeral range. */
    private static final int BASES = 12;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_BASE =
            new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(BASES));

    final Path root;
    /** The project's name in Docker's names: the folder's, unless init picked another (then the test sets it). */
    String name;
    final int portBase;
    /** Held while the project lives: no other test project on this machine, of any test run, has its base. */
    private final FileChannel portBaseLock;

    private TestProject(Path root, PortBase base) {
        this.root = root;
        this.name = root.getFileName().toString();
        this.portBase = base.base();
        this.portBaseLock = base.lock();
    }

    private record PortBase(int base, FileChannel lock) {
    }

    /**
     * A port base that no other open test project holds, in this test run or another one sharing the
     * machine (and its Docker engine), so exact port checks never meet another run's containers.
     */
    private static PortBase claimPortBase() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "piko-it", "port-bases"));
        while (true) {
            for (int i = 0; i < BASES; i++) {
                int base = 20000 + 1000 * (NEXT_BASE.getAndIncrement() % BASES);
                FileChannel channel;
                try {
                    channel = FileChannel.open(dir.resolve(base + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                } catch (java.nio.file.AccessDeniedException anotherUsers) {
                    continue;
                }
                try {
                    if (channel.tryLock() != null) {
                        return new PortBase(base, channel);
                    }
                } catch (OverlappingFileLockException heldHere) {
                    // another open project of this run has it
                }
                channel.close();
            }
            try {
                Thread.sleep(200);  // every base is in use: wait for a project to close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a free port base", e);
            }
        }
    }

    /** The host port piko plans for a target in environment number slot when nothing is in the way. */
    int planned(int slot, int target) {
        return portBase + slot * 100 + target % 100;
    }

    /** Writes piko.yaml: this project's port base, then the given settings. */
    void pikoYaml(String settings) throws IOException {
        write("piko.yaml", "ports:\n  base: " + portBase + "\n" + settings);
    }

    static TestProject gitRepo() throws IOException {
        return gitRepoNamed("");
    }

    /** A repository whose folder name ends with the given text (quotes, newlines, whatever a user's may hold). */
    static TestProject gitRepoNamed(String suffix) throws IOException {
        return gitRepoAt(Path.of(System.getProperty("java.io.tmpdir"), "piko-it",
                "t" + UUID.randomUUID().toString().substring(0, 8) + suffix));
    }

    /** A git repository in a folder of the caller's choosing (two checkouts with one folder name). */
    static TestProject gitRepoAt(Path folder) throws IOException {
        Path dir = Files.createDirectories(folder);
        TestProject p = new TestProject(dir, claimPortBase());
        p.git("init", "-q", "-b", "main");
        p.git("config", "user.email", "test@example.com");
        p.git("config", "user.name", "piko test");
        return p;
    }

    /** A repository with the compose file and a piko.yaml that sets only this project's port base. */
    static TestProject withCompose(String compose) throws IOException {
        return withCompose(gitRepo(), compose);
    }

    static TestProject withCompose(TestProject p, String compose) throws IOException {
        p.write("compose.yaml", compose);
        p.pikoYaml("");
        p.commit("compose file");
        return p;
    }

    /** A project with the compose file committed and piko initialised. */
    static TestProject initialised(String compose) throws IOException {
        TestProject p = withCompose(compose);
        p.piko("init").ok();
        return p;
    }

    Path worktree(String env) {
        return root.resolve(".piko/worktrees").resolve(env);
    }

    String composeProject(String env) {
        return "piko-" + name + "-" + env;
    }

    void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    void commit(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    String git(String... args) {
        return git(root, args);
    }

    static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Run r = exec(dir, Map.of(), cmd);
        assertTrue(r.code() == 0, r::describe);
        return r.out();
    }

    Run piko(String... args) {
        return pikoAt(root, Map.of(), args);
    }

    Run pikoAt(Path dir, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(MACHINE);
        all.putAll(env);
        return exec(dir, all, pikoCommand(args));
    }

    /** One machine-wide port record for this test run, apart from the user's own; gone with the run. */
    static final Map<String, String> MACHINE = Map.of("PIKO_MACHINE_DB", machineDb().toString());

    private static Path machineDb() {
        Path db = Path.of(System.getProperty("java.io.tmpdir"), "piko-it", "machine-" + UUID.randomUUID() + ".db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            db.resolveSibling(db.getFileName() + suffix).toFile().deleteOnExit();
        }
        return db;
    }

    /** Starts piko without waiting, for races. */
    Future<ProcessResult> startPiko(String... args) throws IOException {
        return new ProcessExecutor().command(pikoCommand(args)).directory(root.toFile()).environment(MACHINE).readOutput(true)
                .redirectErrorStream(true).timeout(5, TimeUnit.MINUTES).start().getFuture();
    }

    static List<String> pikoCommand(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "piko.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Run exec(Path dir, Map<String, String> env, List<String> cmd) {
        try {
            return exec(dir, env, cmd, 5 * 60);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not run " + cmd, e);
        }
    }

    /** Runs a command, stopped (and TimeoutException thrown) after the given seconds. */
    static Run exec(Path dir, Map<String, String> env, List<String> cmd, int seconds) throws java.util.concurrent.TimeoutException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            int code = new ProcessExecutor().command(cmd).directory(dir.toFile()).environment(new HashMap<>(env))
                    .redirectOutput(out).redirectError(err).timeout(seconds, TimeUnit.SECONDS).exitValueAny()
                    .execute().getExitValue();
            String shown = String.join(" ", cmd.subList(Math.max(0, cmd.indexOf("piko.cli.Main") + 1), cmd.size()));
            return new Run(shown, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (java.util.concurrent.TimeoutException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not run " + cmd, e);
        }
    }

    /**
     * A shell script run in a running container. A docker exec of a check that takes a second has
     * hung for the whole 5 minutes of exec's timeout under a loaded daemon: it is stopped after 60 s
     * and run once more (the scripts the tests run read, or write what they would write again).
     */
    static Run dockerExec(String container, String script) {
        List<String> cmd = List.of("docker", "exec", container, "sh", "-c", script);
        for (int attempt = 1; ; attempt++) {
            try {
                return exec(Path.of("/"), Map.of(), cmd, 60);
            } catch (java.util.concurrent.TimeoutException e) {
                if (attempt == 2) {
                    throw new IllegalStateException("docker exec hung twice for 60 s: " + cmd, e);
                }
            }
        }
    }

    /** A docker CLI call for setting up faults and reading what no oracle method covers. */
    static Run docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return exec(Path.of("/"), Map.of(), cmd);
    }

    @Override
    public void close() throws IOException {
        // the folder's name, and the project name piko made of it when the folder's name is not one
        for (String project : new java.util.LinkedHashSet<>(List.of(name, piko.core.Names.projectNameFrom(name)))) {
            removeObjectsOf("dev.piko.project=" + project);
        }
        // and whatever compose ran inside this folder under any project name (a name piko shortened or numbered)
        // (the folder as a JSON string: a test's folder name may hold a newline)
        String rows = docker("ps", "-a", "--format",
                "{{json (.Label \"com.docker.compose.project.working_dir\")}}\t{{.Label \"com.docker.compose.project\"}}").out();
        java.util.Set<String> composeProjects = new java.util.TreeSet<>();
        for (String row : rows.split("\n")) {
            String[] f = row.split("\t", 2);
            Object dir = f.length == 2 ? new org.yaml.snakeyaml.Yaml().load(f[0]) : null;
            if (dir instanceof String d && !d.isEmpty() && !f[1].isBlank() && d.startsWith(root.toString() + "/")) {
                composeProjects.add(f[1]);
            }
        }
        for (String project : composeProjects) {
            removeObjectsOf("com.docker.compose.project=" + project);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } finally {
            portBaseLock.close();  // its ports are free again
        }
    }

    private static void removeObjectsOf(String labelAndValue) {
        String label = "label=" + labelAndValue;
        for (String kind : List.of("container", "network", "volume")) {
            String flag = kind.equals("container") ? "-aq" : "-q";
            String ids = docker(kind, "ls", flag, "--filter", label).out().strip();
            if (ids.isEmpty()) {
                continue;
            }
            if (kind.equals("container")) {
                // one at a time: docker rm of several removes them at once, and Engine 20.10 was seen to
                // hang for good removing a shared instance together with containers of its networks
                for (String id : ids.split("\\s+")) {
                    docker("container", "rm", "-f", id);
                }
                continue;
            }
            List<String> rm = new ArrayList<>(List.of(kind, "rm"));
            if (kind.equals("volume")) rm.add("-f");
            rm.addAll(List.of(ids.split("\\s+")));
            docker(rm.toArray(String[]::new));
        }
    }
}
