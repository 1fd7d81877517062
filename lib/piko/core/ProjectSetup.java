package piko.core;

import piko.error.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import piko.config.PikoConfig;
import piko.error.PikoException;
import piko.model.Project;
import piko.text.RepoFiles;

/** `piko init`: records the project of the git repository around a directory. */
public final class ProjectSetup {
    /** Records a new project in a new state file; empty when the file records one already. */
    public interface StateCreator {
        Optional<Project> create(Path stateFile, String name, Path root, String composeFile, String identity);

        /** Opens and closes an existing state file: a corrupt one says so, and how to get out. */
        void check(Path stateFile);

        /** Renames a state file that records no project (emptied, no schema); its new name, or empty when it records one. */
        Optional<Path> moveAsideIfLost(Path stateFile);
    }

    /**
     * The project recorded, the name it would have had when another checkout holds that one (else
     * null), where a state file that recorded no project was moved aside (else null), and whether
     * init added .piko/ to .gitignore (false when it was there).
     */
    public record Initialised(Project project, String nameTaken, String takenBy, Path movedAside, boolean ignoreAdded) {
    }

    private final Worktrees git;
    private final StateCreator state;
    private final ProjectRegistry registry;
    private final LabelledObjects docker;
    private final Reporter out;

    public ProjectSetup(Worktrees git, StateCreator state, ProjectRegistry registry, LabelledObjects docker, Reporter out) {
        this.git = git;
        this.state = state;
        this.registry = registry;
        this.docker = docker;
        this.out = out;
    }

    /**
     * Records the project with a new identity (or, when the machine-wide record knows this folder,
     * the identity and name it had: its state was lost) and a name no other checkout uses: the
     * folder's, else the folder's with 2, 3, ... appended; `--name` chooses one (refused when taken).
     */
    public Initialised init(Path cwd, String chosenName) {
        if (chosenName != null) {
            Names.requireValidProjectName(chosenName);
        }
        Path root = git.toplevel(cwd);
        Path stateFile = Workspace.stateFile(root);
        Path aside = null;
        if (Files.exists(stateFile)) {
            aside = state.moveAsideIfLost(stateFile).orElse(null);
            if (aside == null) {
                state.check(stateFile);
                throw alreadyInitialised(root);
            }
        }
        PikoConfig config = PikoConfig.load(root);
        String composeFile = findComposeFile(root, config);
        Optional<ProjectRegistry.Entry> before = registry.byRoot(root);
        String identity = before.map(ProjectRegistry.Entry::identity).orElseGet(ProjectSetup::newIdentity);
        String wanted = chosenName != null ? chosenName
                : before.map(ProjectRegistry.Entry::name).orElse(Names.projectNameFrom(root.getFileName().toString()));
        String name = wanted;
        String takenBy = takenBy(name, identity, root, composeFile);
        if (takenBy != null && chosenName != null) {
            throw new PikoException("the project name " + name + " is used by " + takenBy,
                    "choose another: piko init --name <name>", ExitCode.USAGE);
        }
        for (int n = 2; takenBy(name, identity, root, composeFile) != null; n++) {
            name = wanted + n;
        }
        // where each line goes, found before anything is made: a link that leads out of the repository is refused
        List<String> ignores = List.of(".piko", ".piko/", "/.piko", "/.piko/");
        Path gitignore = missingLine(root.resolve(".gitignore"), ignores) ? RepoFiles.writable(root, root.resolve(".gitignore")) : null;
        Path exclude = root.resolve(".git").resolve("info").resolve("exclude");
        List<String> excludes = List.of(OverrideFile.NAME, "/" + OverrideFile.NAME);
        exclude = Files.isDirectory(root.resolve(".git")) && missingLine(exclude, excludes) ? RepoFiles.writable(root, exclude) : null;
        Project project = state.create(stateFile, name, root, composeFile, identity).orElseThrow(() -> alreadyInitialised(root));
        registry.register(identity, root, name);
        if (gitignore != null) {
            appendLineIfMissing(gitignore, ".piko/", ignores);
        }
        if (exclude != null) {
            appendLineIfMissing(exclude, OverrideFile.NAME, excludes);
        }
        return new Initialised(project, takenBy == null ? null : wanted, takenBy, aside, gitignore != null);
    }

    /** A random identity: 64 bits, as 16 hex digits. */
    static String newIdentity() {
        byte[] bytes = new byte[8];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Who else uses a project name (another live checkout, or Docker objects not provably this one's), or null. */
    private String takenBy(String name, String identity, Path root, String composeFile) {
        for (ProjectRegistry.Entry e : registry.projects()) {
            if (e.name().equals(name) && !e.identity().equals(identity) && !e.root().equals(root) && e.live()) {
                return "the project at " + e.root();
            }
        }
        Ownership ownership = new Ownership(new Project(0, name, root, composeFile, identity), docker, () -> registry);
        try {
            List<Ownership.DockerObject> others = ownership.usedByOthers();
            return others.isEmpty() ? null : ownership.owner(others.get(0)) + " (in Docker: "
                    + others.get(0).kind().name().toLowerCase(java.util.Locale.ROOT) + " " + others.get(0).name() + ")";
        } catch (PikoException e) {
            out.warn("could not ask Docker whether another project uses the name " + name + ": " + e.getMessage());
            return null;
        }
    }

    private static PikoException alreadyInitialised(Path root) {
        return new PikoException("piko is already initialised in " + root, "see its environments with: piko status");
    }

    /** The files compose loads in the root, as one phrase (the state keeps it for the record). */
    private static String findComposeFile(Path root, PikoConfig config) {
        return ComposeFiles.in(root, config.compose(), System.getenv())
                .requireExisting(root.toString(), "fix 'compose:' in piko.yaml, or COMPOSE_FILE").describe();
    }

    private static boolean missingLine(Path file, List<String> equivalents) {
        try {
            return !Files.isRegularFile(file)
                    || Files.readString(file, StandardCharsets.UTF_8).lines().map(String::strip).noneMatch(equivalents::contains);
        } catch (IOException e) {
            throw new PikoException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** file: the real file (a link's target inside the repository), so the link stays a link. */
    private static void appendLineIfMissing(Path file, String line, List<String> equivalents) {
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (text.lines().map(String::strip).anyMatch(equivalents::contains)) {
                return;
            }
            Files.createDirectories(file.getParent());
            String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PikoException("cannot update " + file + ": " + e.getMessage());
        }
    }
}
