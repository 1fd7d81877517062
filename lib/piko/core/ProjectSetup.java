package piko.core;

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

/** `piko init`: records the project of the git repository around a directory. */
public final class ProjectSetup {
    /** Records a new project in a new state file; empty when the file records one already. */
    public interface StateCreator {
        Optional<Project> create(Path stateFile, String name, Path root, String composeFile);

        /** Opens and closes an existing state file: a corrupt one says so, and how to get out. */
        void check(Path stateFile);
    }

    private final Worktrees git;
    private final StateCreator state;

    public ProjectSetup(Worktrees git, StateCreator state) {
        this.git = git;
        this.state = state;
    }

    public Project init(Path cwd) {
        Path root = git.toplevel(cwd);
        Path stateFile = Workspace.stateFile(root);
        if (Files.exists(stateFile)) {
            state.check(stateFile);
            throw alreadyInitialised(root);
        }
        PikoConfig config = PikoConfig.load(root);
        String composeFile = findComposeFile(root, config);
        String name = Names.projectNameFrom(root.getFileName().toString());
        Project project = state.create(stateFile, name, root, composeFile).orElseThrow(() -> alreadyInitialised(root));
        appendLineIfMissing(root.resolve(".gitignore"), ".piko/", List.of(".piko", ".piko/", "/.piko", "/.piko/"));
        Path exclude = root.resolve(".git").resolve("info").resolve("exclude");
        if (Files.isDirectory(root.resolve(".git"))) {
            appendLineIfMissing(exclude, OverrideFile.NAME, List.of(OverrideFile.NAME, "/" + OverrideFile.NAME));
        }
        return project;
    }

    private static PikoException alreadyInitialised(Path root) {
        return new PikoException("piko is already initialised in " + root, "see its environments with: piko status");
    }

    /** The files compose loads in the root, as one phrase (the state keeps it for the record). */
    private static String findComposeFile(Path root, PikoConfig config) {
        return ComposeFiles.in(root, config.compose(), System.getenv())
                .requireExisting(root.toString(), "fix 'compose:' in piko.yaml, or COMPOSE_FILE").describe();
    }

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
