package piko.core;

import piko.error.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import piko.core.LabelledObjects.Kind;
import piko.error.PikoException;
import piko.model.Labels;
import piko.model.Project;

/**
 * Whose a Docker object is. Objects carrying piko's identity label are the checkout's with that
 * identity. Objects made by a piko from before the label (legacy) are this checkout's when they
 * carry its project name and, for containers, compose ran them inside its folder; unlabelled
 * volumes and networks with its name count as its own unless a container of theirs says otherwise.
 * Every destructive step asks first; another checkout's objects are named and never touched.
 */
public final class Ownership {
    private static final List<String> KEYS = List.of(Labels.IDENTITY, Labels.PROJECT, Labels.COMPOSE_WORKING_DIR,
            Labels.COMPOSE_PROJECT, Labels.ENVIRONMENT);

    /** One Docker object: its kind, its name and the labels ownership reads. */
    public record DockerObject(Kind kind, String name, Map<String, String> labels) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private final Project project;
    private final LabelledObjects docker;
    private final Supplier<ProjectRegistry> registry;

    public Ownership(Project project, LabelledObjects docker, Supplier<ProjectRegistry> registry) {
        this.project = project;
        this.docker = docker;
        this.registry = registry;
    }

    /** Every container, network and volume carrying a label (key=value). */
    public List<DockerObject> objects(String label) {
        return objects(label, List.of());
    }

    /** The same, with the values of more label keys. */
    public List<DockerObject> objects(String label, List<String> moreKeys) {
        List<String> keys = new ArrayList<>(KEYS);
        moreKeys.stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        List<DockerObject> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Map<String, String> row : docker.labelled(kind, label, keys)) {
                out.add(new DockerObject(kind, row.get("name"), row));
            }
        }
        return out;
    }

    /** The objects of a compose project. */
    public List<DockerObject> ofComposeProject(String composeProject) {
        return objects(Labels.COMPOSE_PROJECT + "=" + composeProject);
    }

    /** Whether an object is this checkout's (see the class comment for objects without the identity label). */
    public boolean mine(DockerObject o) {
        String identity = o.label(Labels.IDENTITY);
        if (!identity.isEmpty()) {
            return identity.equals(project.identity());
        }
        if (!project.name().equals(o.label(Labels.PROJECT))) {
            return false;
        }
        String dir = o.label(Labels.COMPOSE_WORKING_DIR);
        return dir.isEmpty() || Path.of(dir).startsWith(project.root());
    }

    /** The objects among these that are not this checkout's. */
    public List<DockerObject> foreign(List<DockerObject> objects) {
        List<DockerObject> out = new ArrayList<>(objects.stream().filter(o -> !mine(o)).toList());
        boolean containerElsewhere = out.stream().anyMatch(o -> o.kind() == Kind.CONTAINER);
        if (containerElsewhere) {  // unlabelled networks and volumes go with their containers
            objects.stream().filter(o -> o.kind() != Kind.CONTAINER && o.label(Labels.IDENTITY).isEmpty() && !out.contains(o))
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * Fails, naming the owner, when a compose project holds objects that are not this checkout's;
     * action says what piko was about to do ("remove", "reuse").
     */
    public void requireOwn(String composeProject, String action) {
        List<DockerObject> others = foreign(ofComposeProject(composeProject));
        if (!others.isEmpty()) {
            throw new PikoException(describe(composeProject, others) + ": piko will not " + action + " it",
                    "it is not this checkout's (" + project.root() + "); act on it from its own project", ExitCode.FAILURE);
        }
    }

    /** "compose project X (container a, volume b) belongs to the project at /p". */
    public String describe(String composeProject, List<DockerObject> others) {
        List<String> names = others.stream().limit(4).map(o -> o.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + o.name()).toList();
        return "compose project " + composeProject + " (" + String.join(", ", names) + (others.size() > 4 ? ", ..." : "")
                + ") belongs to " + owner(others.get(0));
    }

    /**
     * For `init`, which has no objects yet: what of a project name Docker holds that is not provably
     * this checkout's; unlabelled volumes and networks count as another's unless a container of
     * their compose project is this checkout's (a project whose state was lost takes them back).
     */
    public List<DockerObject> usedByOthers() {
        List<DockerObject> all = objects(Labels.PROJECT + "=" + project.name());
        List<DockerObject> out = new ArrayList<>(foreign(all));
        java.util.Set<String> provedMine = new java.util.HashSet<>();
        all.stream().filter(o -> o.kind() == Kind.CONTAINER && !out.contains(o)).forEach(o -> provedMine.add(o.label(Labels.COMPOSE_PROJECT)));
        all.stream().filter(o -> o.kind() != Kind.CONTAINER && o.label(Labels.IDENTITY).isEmpty() && !out.contains(o)
                && !provedMine.contains(o.label(Labels.COMPOSE_PROJECT))).forEach(out::add);
        return out;
    }

    /** This checkout's volumes of a compose project. */
    public List<String> ownVolumes(String composeProject) {
        List<DockerObject> all = ofComposeProject(composeProject);
        List<DockerObject> others = foreign(all);
        return all.stream().filter(o -> o.kind() == Kind.VOLUME && !others.contains(o)).map(DockerObject::name).sorted().toList();
    }

    /** Who made an object, in words: "the project at /a/shop". */
    public String owner(DockerObject o) {
        String identity = o.label(Labels.IDENTITY);
        if (!identity.isEmpty()) {
            Optional<ProjectRegistry.Entry> entry = lookUp(identity);
            if (entry.isPresent()) {
                return "the project at " + entry.get().root();
            }
        }
        String dir = o.label(Labels.COMPOSE_WORKING_DIR);
        if (!dir.isEmpty()) {
            return "the project at " + rootOf(dir);
        }
        String name = o.label(Labels.PROJECT);
        if (!name.isEmpty()) {
            return "another checkout's piko project " + name + (identity.isEmpty() ? "" : " (identity " + identity + ")");
        }
        return "something that is not piko's (it has no piko label)";
    }

    private Optional<ProjectRegistry.Entry> lookUp(String identity) {
        try {
            return registry.get().byIdentity(identity);
        } catch (PikoException unreadable) {
            return Optional.empty();  // the message only loses the path
        }
    }

    /** The project folder of a folder compose ran in: a worktree's project, or the folder itself. */
    static String rootOf(String composeDir) {
        int at = composeDir.indexOf("/" + Workspace.DIR + "/worktrees/");
        return at < 0 ? composeDir : composeDir.substring(0, at);
    }
}
