package piko.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import piko.exec.ProcessRunner;

/**
 * The throw-away project of install's training run: a git repository with a committed compose
 * file, a machine-wide record and cache of its own, and a `docker` first on PATH that plays a
 * daemon (compose's version, the compose file's model, empty listings, every change done), so
 * that create, up, down and destroy go their whole way and the archive holds what they load,
 * with or without Docker on the machine and without touching it.
 */
final class TrainingProject {
    /** The compose file, and the model `docker compose config --format json` (2.26) gives of it. */
    private static final String COMPOSE = """
            services:
              web:
                image: piko-training/web
                ports: ["8080"]
                networks: [front]
                depends_on: [db]
              db:
                image: piko-training/db
                volumes: [data:/data]
                networks: [front]
            networks:
              front: {}
            volumes:
              data: {}
            """;
    private static final String MODEL = "{\"name\": \"training\", \"networks\": {\"front\": {\"name\": \"training_front\","
            + " \"ipam\": {}}}, \"services\": {\"db\": {\"command\": null, \"entrypoint\": null, \"image\": \"piko-training/db\","
            + " \"networks\": {\"front\": null}, \"volumes\": [{\"type\": \"volume\", \"source\": \"data\", \"target\": \"/data\","
            + " \"volume\": {}}]}, \"web\": {\"command\": null, \"depends_on\": {\"db\": {\"condition\": \"service_started\","
            + " \"required\": true}}, \"entrypoint\": null, \"image\": \"piko-training/web\", \"networks\": {\"front\": null},"
            + " \"ports\": [{\"mode\": \"ingress\", \"target\": 8080, \"protocol\": \"tcp\"}]}}, \"volumes\": {\"data\":"
            + " {\"name\": \"training_data\"}}}\n";
    private static final String DOCKER = """
            #!/bin/sh
            # piko install's training run: plays a Docker daemon that has nothing and does everything asked
            case " $* " in
              *" compose version "*) echo 2.26.1 ;;
              *" config "*) cat "$(dirname "$0")/model.json" ;;
              " version "*) echo 27.0.0 ;;
            esac
            exit 0
            """;

    final Path root;
    final Path project;

    private TrainingProject(Path root) {
        this.root = root;
        this.project = root.resolve("project");
    }

    /** Makes it in a new temporary folder: the project committed, the pretend docker beside it. */
    static TrainingProject make(ProcessRunner runner) throws IOException {
        TrainingProject t = new TrainingProject(Files.createTempDirectory("piko-training"));
        Files.createDirectories(t.project);
        Files.writeString(t.project.resolve("compose.yaml"), COMPOSE);
        Files.writeString(t.project.resolve("piko.yaml"), "ports:\n  base: 20000\n");
        Path bin = Files.createDirectories(t.root.resolve("bin"));
        Files.writeString(bin.resolve("model.json"), MODEL);
        Files.writeString(bin.resolve("docker"), DOCKER);
        Files.setPosixFilePermissions(bin.resolve("docker"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (List<String> git : List.of(List.of("git", "init", "-q"), List.of("git", "add", "-A"),
                List.of("git", "-c", "user.name=piko", "-c", "user.email=piko@localhost", "commit", "-q", "-m", "training"))) {
            runner.run(ProcessRunner.Call.of(Duration.ofSeconds(30), git).in(t.project));
        }
        return t;
    }

    /**
     * The training run's environment: the pretend docker first on PATH, the record and caches in
     * the folder. Reads over the daemon's socket (its ping) still reach the machine's daemon when
     * there is one: they only ask, and find nothing of this project.
     */
    Map<String, String> environment() {
        return Map.of("PATH", root.resolve("bin") + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""),
                "PIKO_MACHINE_DB", root.resolve("machine.db").toString(), "XDG_CACHE_HOME", root.resolve("cache").toString());
    }
}
