package piko.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piko.core.SnapshotVolumes;
import piko.error.PikoException;
import piko.exec.Pipe;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;

/**
 * Volumes copied by `cp -a` in one container of an image that has it (CopyInContainer), or else
 * through the daemon's archive API (`docker cp` out of one created, never started container and
 * into another): nothing is needed inside any image, not even a shell. Both keep owners, modes
 * and links.
 */
public final class VolumeCopies implements SnapshotVolumes {
    /** On the helper and copy containers (value: their volumes, comma-separated), so a leftover of a killed copy can be told apart and removed. */
    public static final String HELPER_LABEL = "dev.piko.volume-copy";
    /** How long a copy container the daemon is already removing may take to go. */
    private static final Duration HELPERS_GONE = Duration.ofSeconds(30);
    private static final Duration COPY_LIMIT = Duration.ofHours(2);
    private final ProcessRunner runner;
    private final Timeouts timeouts;
    /** The reads (volumes, containers) through the daemon's socket where piko can ask it; null: the CLI. */
    private final EngineApi engine;

    public VolumeCopies(ProcessRunner runner, Timeouts timeouts) {
        this.runner = runner;
        this.timeouts = timeouts;
        this.engine = EngineApi.local(runner, new Daemon(runner), timeouts.docker());
    }

    private String api(String path, Map<String, String> query, String what) {
        return engine == null ? null : engine.body(path, query, what);
    }

    /** The containers the Engine API lists (all, or only running ones) that match the filters, as the given columns; null: ask the CLI. */
    private List<String[]> listed(boolean all, String filters, List<String> columns, String what) {
        String json = api("/containers/json", all ? Map.of("all", "1", "filters", filters) : Map.of("filters", filters), what);
        return json == null ? null : EngineRows.containers(json, columns);
    }

    private Result run(List<String> command, String what) {
        Result r = runner.run(Call.of(timeouts.docker(), command).timeoutSetBy("timeouts.docker"));
        if (!r.ok()) {
            throw new PikoException(what + " failed: " + r.output().strip());
        }
        return r;
    }

    @Override
    public List<Volume> volumesWithLabel(String label, List<String> keys) {
        String json = api("/volumes", Map.of("filters", EngineApi.filters("label=" + label)), "listing volumes");
        if (json != null) {
            return EngineRows.labelled(piko.core.LabelledObjects.Kind.VOLUME, json, keys).stream().map(row -> {
                Map<String, String> labels = new LinkedHashMap<>();
                keys.forEach(k -> labels.put(k, row.get(k)));
                return new Volume(row.get("name"), labels);
            }).toList();
        }
        StringBuilder format = new StringBuilder("{{.Name}}");
        keys.forEach(k -> format.append("\t{{.Label \"").append(k).append("\"}}"));
        Result r = run(List.of("docker", "volume", "ls", "--filter", "label=" + label, "--format", format.toString()),
                "listing volumes");
        List<Volume> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                labels.put(keys.get(i), i + 1 < f.length ? f[i + 1] : "");
            }
            out.add(new Volume(f[0], labels));
        }
        return out;
    }

    @Override
    public Map<String, String> labelsOf(String volume) {
        String json = api("/volumes/" + EngineApi.segment(volume), Map.of(), "inspecting volume " + volume);
        if (json != null) {
            Map<String, String> labels = new LinkedHashMap<>();
            JsonReader.object(JsonReader.parse(json), "Labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
            return labels;
        }
        Result r = run(List.of("docker", "volume", "inspect", "--format",
                "{{range $k, $v := .Labels}}{{$k}}={{$v}}\n{{end}}", volume), "inspecting volume " + volume);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                labels.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return labels;
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        List<String> cmd = new ArrayList<>(List.of("docker", "volume", "create"));
        labels.forEach((k, v) -> cmd.addAll(List.of("--label", k + "=" + v)));
        cmd.add(name);
        run(cmd, "creating volume " + name);
    }

    @Override
    public void removeVolumes(List<String> names) {
        if (!names.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "volume", "rm", "--"));
            cmd.addAll(names);
            run(cmd, "removing volumes " + String.join(", ", names));
        }
    }

    @Override
    public List<String> runningContainersUsing(List<String> volumes) {
        return new ArrayList<>(containers(volumes, false).keySet());
    }

    @Override
    public Map<String, String> containersUsing(List<String> volumes) {
        return containers(volumes, true);
    }

    private Map<String, String> containers(List<String> volumes, boolean all) {
        Map<String, String> found = new LinkedHashMap<>();
        if (volumes.isEmpty()) {
            return found;
        }
        List<String[]> rows = listed(all, EngineApi.filters("volume", volumes), List.of("Names", "Image"), "listing containers");
        if (rows != null) {
            rows.forEach(f -> found.put(f[0], f[1]));
            return found;
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "ps", "--format", "{{.Names}}\t{{.Image}}"));
        if (all) {
            cmd.add("--all");
        }
        volumes.forEach(v -> cmd.addAll(List.of("--filter", "volume=" + v)));  // one key given twice: either matches
        for (String line : run(cmd, "listing containers").stdout().split("\n")) {
            String[] f = line.split("\t", 2);
            if (f.length == 2 && !f[0].isBlank()) {
                found.put(f[0], f[1]);
            }
        }
        return found;
    }

    /** docker ps lists a container's mounts by name, cut to 12 characters unless --no-trunc. */
    @Override
    public Map<String, String> imagesOf(List<String> volumes) {
        Map<String, String> images = new LinkedHashMap<>();
        if (volumes.isEmpty()) {
            return images;
        }
        List<String[]> rows = listed(true, EngineApi.filters("volume", volumes), List.of("Image", "Mounts"), "listing containers");
        List<String> cmd = new ArrayList<>(List.of("docker", "ps", "--all", "--no-trunc", "--format", "{{.Image}}\t{{.Mounts}}"));
        volumes.forEach(v -> cmd.addAll(List.of("--filter", "volume=" + v)));
        for (String line : rows != null ? rows.stream().map(f -> f[0] + "\t" + f[1]).toList()
                : List.of(run(cmd, "listing containers").stdout().split("\n"))) {
            String[] f = line.split("\t", 2);
            if (f.length == 2 && !f[0].isBlank()) {
                for (String mount : f[1].strip().split(",")) {
                    if (volumes.contains(mount)) {
                        images.putIfAbsent(mount, f[0].strip());
                    }
                }
            }
        }
        return images;
    }

    @Override
    public void pause(List<String> containers) {
        if (!containers.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "pause"));
            cmd.addAll(containers);
            run(cmd, "pausing " + String.join(", ", containers));
        }
    }

    /** Resumes each container that is paused; one whose pause never happened (an interrupted pause) is left as it is. */
    @Override
    public void unpause(List<String> containers) {
        List<String> failed = new ArrayList<>();
        for (String c : containers) {
            Result r = runner.run(Call.of(timeouts.docker(), List.of("docker", "unpause", c)).timeoutSetBy("timeouts.docker"));
            if (!r.ok() && !r.output().contains("is not paused")) {
                failed.add(c + ": " + r.output().strip());
            }
        }
        if (!failed.isEmpty()) {
            throw new PikoException("resuming " + String.join("; ", failed), "resume them with: docker unpause <container>");
        }
    }

    @Override
    public void removeContainers(List<String> containers) {
        if (!containers.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "rm", "--force"));
            cmd.addAll(containers);
            run(cmd, "removing containers " + String.join(", ", containers));
        }
    }

    @Override
    public long copy(String from, String to, String image) {
        String reader = helper(from, "/piko-from", ":ro", image);
        try {
            String writer = helper(to, "/piko-to", "", image);
            try {
                Pipe.Outcome o = Pipe.run(List.of("docker", "cp", "--archive", reader + ":/piko-from/.", "-"),
                        List.of("docker", "cp", "--archive", "-", writer + ":/piko-to"), COPY_LIMIT);
                if (!o.ok()) {
                    throw new PikoException("copying volume " + from + " into " + to + " failed: "
                            + (o.fromErr().isEmpty() ? o.toErr() : o.fromErr()));
                }
                return o.bytes();
            } finally {
                removeHelper(writer);
            }
        } finally {
            removeHelper(reader);
        }
    }

    @Override
    public Optional<Map<String, Long>> copyInContainer(Map<String, String> fromTo, String image) {
        return CopyInContainer.copy(runner, fromTo, image, COPY_LIMIT);
    }

    @Override
    public void removeCopyHelpers(List<String> volumes) {
        // Ctrl-C reaches `docker run --rm` too: the daemon may already be removing the copy container,
        // and its volumes stay in use until that ends, so wait for it to be gone
        long deadline = System.nanoTime() + HELPERS_GONE.toNanos();
        for (List<String> left = copyHelpersOf(volumes); !left.isEmpty(); left = copyHelpersOf(volumes)) {
            List<String> cmd = new ArrayList<>(List.of("docker", "rm", "--force"));
            cmd.addAll(left);
            Result r = runner.run(Call.of(timeouts.docker(), cmd).timeoutSetBy("timeouts.docker"));
            if (r.ok()) {
                return;
            }
            if (!r.output().contains("already in progress") || System.nanoTime() > deadline) {
                throw new PikoException("removing containers " + String.join(", ", left) + " failed: " + r.output().strip());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PikoException("interrupted while waiting for the copy containers " + String.join(", ", left) + " to go");
            }
        }
    }

    private List<String> copyHelpersOf(List<String> volumes) {
        List<String> left = new ArrayList<>();
        List<String[]> rows = listed(true, EngineApi.filters("label=" + HELPER_LABEL), List.of("ID", HELPER_LABEL), "listing copy helpers");
        List<String> lines = rows != null ? rows.stream().map(f -> f[0] + " " + f[1]).toList() : List.of(run(List.of("docker", "ps", "-a",
                "--filter", "label=" + HELPER_LABEL, "--format", "{{.ID}} {{.Label \"" + HELPER_LABEL + "\"}}"), "listing copy helpers")
                .stdout().split("\n"));
        for (String line : lines) {
            String[] f = line.strip().split(" ", 2);
            if (f.length == 2 && java.util.Arrays.stream(f[1].split(",")).anyMatch(volumes::contains)) {
                left.add(f[0]);
            }
        }
        return left;
    }

    /** Removes a helper container, also when Ctrl-C interrupted the copy (the interruption is kept for the caller). */
    private void removeHelper(String container) {
        boolean interrupted = Thread.interrupted();
        try {
            removeContainers(List.of(container));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A created container (never started) that mounts the volume; any local image will do. */
    private String helper(String volume, String path, String mode, String image) {
        return run(List.of("docker", "create", "--label", HELPER_LABEL + "=" + volume, "--network", "none",
                "--volume", volume + ":" + path + mode, "--entrypoint", "/piko-never-started", image),
                "preparing a copy of volume " + volume).stdout().strip();
    }
}
