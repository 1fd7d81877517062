package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.List;
import piko.core.Ownership;
import piko.core.ProjectSetup;
import piko.error.PikoException;
import piko.model.Labels;
import piko.model.Project;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Start using piko in this git repository (creates .piko/state.db).")
final class Init extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Option(names = "--name", paramLabel = "<name>",
            description = "The project's name in Docker's names (piko-<name>-<env>): lower-case letters, digits and '_'."
                    + " Default: the folder's, or with 2, 3, ... appended when another checkout uses it.")
    String name;

    @Override
    int execute() {
        ProjectSetup.Initialised done = context.projectSetup().init(cwd(), name);
        Project p = done.project();
        Console c = console();
        if (done.movedAside() != null) {
            c.done("Moved the state that recorded no project aside: " + p.root().relativize(done.movedAside()));
        }
        c.done("Initialised piko project " + p.name() + " in " + p.root());
        if (done.nameTaken() != null) {
            c.info("The name " + done.nameTaken() + " is used by " + done.takenBy() + ": this checkout is " + p.name());
        }
        c.done((p.composeFile().contains(", ") ? "Compose files: " : "Compose file: ") + p.composeFile());
        if (done.ignoreAdded()) {
            c.done("Added .piko/ to .gitignore");
        }
        List<String> found = labelledEnvironments(p);
        if (!found.isEmpty()) {
            List<String> back = found.stream().filter(piko.state.LostState.worktrees(p.root())::contains).toList();
            c.info("Docker holds " + found.size() + " environment" + (found.size() == 1 ? "" : "s") + " of project "
                    + p.name() + " that piko does not know: " + String.join(", ", found));
            c.info(back.isEmpty() ? "None has its worktree in .piko/worktrees: piko doctor shows what is left of them"
                    : "Take back the " + back.size() + " whose worktree is still there (" + String.join(", ", back)
                    + ") with: piko doctor --fix");
        } else {
            c.info("Next: piko create <name>");
        }
        return ExitCode.OK.code();
    }

    /** Environments of this checkout that Docker holds (the state may have been lost). */
    private List<String> labelledEnvironments(Project p) {
        try {
            Ownership ownership = new Ownership(p, context.docker(), context::registry);
            return ownership.objects(Labels.PROJECT + "=" + p.name()).stream()
                    .filter(o -> o.kind() == piko.core.LabelledObjects.Kind.CONTAINER && ownership.mine(o))
                    .map(o -> o.labels().getOrDefault(Labels.ENVIRONMENT, ""))
                    .filter(e -> !e.isEmpty() && !e.equals(piko.core.Names.SHARED)).distinct().sorted().toList();
        } catch (PikoException e) {
            console().warn("could not look for environments left in Docker: " + e.getMessage());
            return List.of();
        }
    }
}
