package piko.core;

import piko.error.ExitCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import piko.error.PikoException;
import piko.model.Labels;
import piko.model.Snapshot;

/**
 * Snapshots: named copies of an environment's own volumes (not the shared instances'), kept as
 * Docker volumes labelled with the project, and an index file per snapshot under
 * .piko/snapshots, written last, so a save that was interrupted shows as incomplete.
 */
public final class Snapshots {
    public static final String SNAPSHOT = "dev.piko.snapshot";
    public static final String VOLUME_KEY = "dev.piko.snapshot.volume";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private final Workspace ws;
    private final SnapshotVolumes docker;
    private final Reporter out;
    private final Cancellation cancellation;

    public Snapshots(Workspace ws, SnapshotVolumes docker, Reporter out, Cancellation cancellation) {
        this.ws = ws;
        this.docker = docker;
        this.out = out;
        this.cancellation = cancellation;
    }

    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PikoException("invalid snapshot name '" + name + "'",
                    "use lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 40 characters", ExitCode.USAGE);
        }
        return name;
    }

    /** Copies every named volume of the environment, its running containers paused for the copy. */
    public Snapshot save(String env, String name) {
        requireValidName(name);
        requireEnvironment(env);
        if (find(name).isPresent()) {  // list() shows a snapshot with volumes and no index file as incomplete
            throw new PikoException("snapshot '" + name + "' already exists",
                    "choose another name, or remove it first with: piko snapshot rm " + name, ExitCode.USAGE);
        }
        Map<String, String> source = environmentVolumes(env);
        if (source.isEmpty()) {
            throw new PikoException("environment '" + env + "' has no named volumes to copy",
                    "a snapshot holds the named volumes of an environment's own services");
        }
        Map<String, String> targets = new LinkedHashMap<>();
        for (String key : source.keySet()) {
            targets.put(key, snapshotVolume(name, targets.size()));
        }
        Map<String, String> images = copier().serviceImages(source, Map.of(), env);
        Instant created = Instant.now();
        Map<String, Long> bytes = copyAll(source, targets, images, key -> snapshotLabels(name, env, key, created), env);
        Snapshot s = new Snapshot(name, env, created, targets, bytes, images, true);
        SnapshotIndex.write(indexDir(), s);
        out.done("Saved snapshot " + name + " of " + env + ": " + targets.size() + " volume" + (targets.size() == 1 ? "" : "s")
                + " (" + String.join(", ", targets.keySet()) + "), " + Snapshot.human(s.totalBytes()));
        return s;
    }

    /** Every snapshot of the project, complete or not, by name. */
    public List<Snapshot> list() {
        Map<String, Snapshot> all = new TreeMap<>();
        for (Snapshot s : SnapshotIndex.readAll(indexDir())) {
            all.put(s.name(), s);
        }
        Map<String, Map<String, String>> volumes = new TreeMap<>();
        for (SnapshotVolumes.Volume v : docker.volumesWithLabel(SNAPSHOT, List.of(SNAPSHOT, VOLUME_KEY, Labels.IDENTITY))) {
            if (identity().equals(v.labels().get(Labels.IDENTITY))) {
                volumes.computeIfAbsent(v.labels().get(SNAPSHOT), k -> new TreeMap<>()).put(v.labels().get(VOLUME_KEY), v.name());
            }
        }
        for (Map.Entry<String, Map<String, String>> e : volumes.entrySet()) {
            Snapshot indexed = all.get(e.getKey());
            if (indexed == null || !e.getValue().values().containsAll(indexed.volumes().values())) {
                all.put(e.getKey(), new Snapshot(e.getKey(), indexed == null ? null : indexed.source(),
                        indexed == null ? null : indexed.created(), e.getValue(), Map.of(), Map.of(), false));
            }
        }
        all.replaceAll((k, s) -> volumes.containsKey(k) ? s : new Snapshot(s.name(), s.source(), s.created(), s.volumes(),
                s.bytes(), s.images(), false));
        return new ArrayList<>(all.values());
    }

    /** What doctor reports: an incomplete snapshot (a save that was killed, or volumes removed by hand), removed by the fix. */
    public List<Checkup.Finding> findings() {
        return list().stream().filter(s -> !s.complete()).map(s -> new Checkup.Finding("snapshot " + s.name(),
                "incomplete (" + s.volumes().size() + " volumes; a save that was interrupted, or volumes removed by hand)",
                "remove it (piko snapshot rm " + s.name() + ")", () -> remove(s.name()))).toList();
    }

    public Optional<Snapshot> find(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The snapshot, complete; else an error naming it, with the list as the hint. */
    public Snapshot require(String name) {
        Snapshot s = find(name).orElseThrow(() -> new PikoException("no snapshot named '" + name + "'",
                "see the snapshots with: piko snapshot list"));
        if (!s.complete()) {
            throw new PikoException("snapshot '" + name + "' is incomplete (its save was interrupted)",
                    "remove it with: piko snapshot rm " + name + ", then save it again");
        }
        return s;
    }

    /** Removes the snapshot's volumes and index file; returns the volumes removed. */
    public List<String> remove(String name) {
        Optional<Snapshot> s = find(name);
        if (s.isEmpty()) {
            throw new PikoException("no snapshot named '" + name + "'", "see the snapshots with: piko snapshot list");
        }
        List<String> volumes = volumesOf(name);
        docker.removeVolumes(volumes);
        SnapshotIndex.delete(indexDir(), name);
        out.done("Removed snapshot " + name + " (" + volumes.size() + " volume" + (volumes.size() == 1 ? "" : "s") + ")");
        return volumes;
    }

    /**
     * Puts an environment's volumes back as the snapshot holds them: the containers that mount them
     * are removed (their volumes cannot be replaced under them), the volumes recreated with their
     * labels and filled; start runs afterwards to bring the environment up again.
     */
    public void restore(String env, String name, Runnable start) {
        requireEnvironment(env);
        Snapshot s = require(name);
        Map<String, String> current = environmentVolumes(env);
        Map<String, String> source = new LinkedHashMap<>();
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : s.volumes().entrySet()) {
            String target = current.get(v.getKey());
            if (target == null) {
                out.warn("environment " + env + " has no volume '" + v.getKey() + "': that part of snapshot " + name + " is left out");
                continue;
            }
            source.put(v.getKey(), v.getValue());
            targets.put(v.getKey(), target);
        }
        Map<String, String> users = docker.containersUsing(new ArrayList<>(targets.values()));
        Map<String, String> images = users.isEmpty() ? s.images() : copier().serviceImages(targets, s.images(), env);
        if (!users.isEmpty()) {
            out.info("Removing " + String.join(", ", users.keySet()) + " to replace their volumes");
            docker.removeContainers(new ArrayList<>(users.keySet()));
        }
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        targets.forEach((key, volume) -> labels.put(key, docker.labelsOf(volume)));
        docker.removeVolumes(new ArrayList<>(targets.values()));
        copyAll(source, targets, images, labels::get, null);
        out.done("Restored " + env + " from snapshot " + name + " (" + String.join(", ", targets.keySet()) + ")");
        start.run();
    }

    /**
     * Fills a new environment's volumes, before compose first starts it, from a snapshot or from
     * another environment (whose running containers are paused for the copy). targets: each compose
     * volume key of the new environment with the Docker volume name compose will use and its labels.
     */
    public List<String> seed(String from, Map<String, String> targets, Map<String, Map<String, String>> labels) {
        Map<String, String> source;
        Map<String, String> images;
        String pausedEnv = null;
        if (ws.store().environment(from).isPresent()) {
            source = environmentVolumes(from);
            images = copier().serviceImages(source, Map.of(), from);
            pausedEnv = from;
        } else {
            Snapshot s = require(from);
            source = s.volumes();
            images = s.images();
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        Map<String, String> to = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            if (source.containsKey(t.getKey())) {
                pairs.put(t.getKey(), source.get(t.getKey()));
                to.put(t.getKey(), t.getValue());
            }
        }
        copyAll(pairs, to, images, labels::get, pausedEnv);
        return new ArrayList<>(to.keySet());
    }

    /** create --from: a snapshot's volumes, or a running environment's (paused for the copy). */
    public VolumeSeed seedFrom(String from) {
        if (ws.store().environment(from).isEmpty()) {
            require(from);
        }
        return new VolumeSeed() {
            @Override
            public String source() {
                return ws.store().environment(from).isPresent() ? "environment " + from : "snapshot " + from;
            }

            @Override
            public java.util.Collection<String> fill(String composeProject, String env, java.util.Collection<String> keys) {
                Map<String, String> targets = new LinkedHashMap<>();
                Map<String, Map<String, String>> labels = new LinkedHashMap<>();
                for (String key : keys) {
                    targets.put(key, composeProject + "_" + key);  // compose's name; piko's override gives fixed names the same
                    Map<String, String> l = new LinkedHashMap<>();
                    l.put(Labels.COMPOSE_PROJECT, composeProject);
                    l.put(Labels.COMPOSE_VOLUME, key);
                    l.put(Labels.PROJECT, project());
                    l.put(Labels.ENVIRONMENT, env);
                    l.put(Labels.IDENTITY, identity());
                    labels.put(key, l);
                }
                return seed(from, targets, labels);
            }
        };
    }

    private Map<String, Long> copyAll(Map<String, String> source, Map<String, String> targets, Map<String, String> images,
                                      java.util.function.Function<String, Map<String, String>> labels, String pauseEnv) {
        return copier().copyAll(source, targets, images, labels, pauseEnv);
    }

    private VolumeCopier copier() {
        return new VolumeCopier(docker, out, cancellation);
    }

    private void requireEnvironment(String env) {
        if (ws.store().environment(env).isEmpty()) {
            throw new PikoException("no environment named '" + env + "'", "see the environments with: piko list");
        }
    }

    /** The environment's own named volumes by compose key (shared instances live in another compose project). */
    private Map<String, String> environmentVolumes(String env) {
        Map<String, String> byKey = new TreeMap<>();
        for (SnapshotVolumes.Volume v : docker.volumesWithLabel(Labels.COMPOSE_PROJECT + "=" + Names.composeProject(project(), env),
                List.of(Labels.COMPOSE_VOLUME))) {
            byKey.put(v.labels().get(Labels.COMPOSE_VOLUME).isEmpty() ? v.name() : v.labels().get(Labels.COMPOSE_VOLUME), v.name());
        }
        return byKey;
    }

    private List<String> volumesOf(String snapshot) {
        List<String> names = new ArrayList<>();
        for (SnapshotVolumes.Volume v : docker.volumesWithLabel(SNAPSHOT + "=" + snapshot, List.of(Labels.IDENTITY))) {
            if (identity().equals(v.labels().get(Labels.IDENTITY))) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** Compose never makes a name with a dot after "piko" (its project names have none). */
    private String snapshotVolume(String snapshot, int index) {
        return "piko." + project() + "." + snapshot + "." + index;
    }

    private Map<String, String> snapshotLabels(String snapshot, String env, String key, Instant created) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(Labels.PROJECT, project());
        l.put(Labels.IDENTITY, identity());
        l.put(SNAPSHOT, snapshot);
        l.put(VOLUME_KEY, key);
        l.put("dev.piko.snapshot.source", env);
        l.put("dev.piko.snapshot.created", created.toString());
        return l;
    }

    private String project() {
        return ws.project().name();
    }

    /** Snapshots are the checkout's own: another checkout's, even of a project with the same name, are never seen. */
    private String identity() {
        return ws.project().identity();
    }

    private Path indexDir() {
        return ws.root().resolve(Workspace.DIR).resolve("snapshots");
    }
}
