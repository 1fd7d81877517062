package piko.cli;

import picocli.CommandLine.Command;
import java.util.List;
import piko.core.Names;
import piko.docker.Docker;
import piko.error.PikoException;
import piko.model.Labels;
import piko.model.Project;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Start using piko in this git repository (creates .piko/state.db).")
final class Init extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Override
    int execute() {
        Project p = context.projectSetup().init(cwd());
        Console c = console();
        c.done("Initialised piko project " + p.name() + " in " + p.root());
        c.done((p.composeFile().contains(", ") ? "Compose files: " : "Compose file: ") + p.composeFile());
        c.done("Added .piko/ to .gitignore");
        List<String> found = labelledEnvironments(p.name());
        if (!found.isEmpty()) {
            c.info("Docker holds environments of project " + p.name() + " that piko does not know: "
                    + String.join(", ", found));
            c.info("Take back those whose worktree still exists with: piko doctor --fix");
        } else {
            c.info("Next: piko create <name>");
        }
        return 0;
    }

    /** Environments that piko labelled for a project of this name (the state may have been lost). */
    private List<String> labelledEnvironments(String project) {
        try {
            return context.docker().labelled(Docker.Kind.CONTAINER, Labels.PROJECT + "=" + project, List.of(Labels.ENVIRONMENT))
                    .stream().map(r -> r.get(Labels.ENVIRONMENT)).filter(e -> !e.isEmpty() && !e.equals(Names.SHARED))
                    .distinct().sorted().toList();
        } catch (PikoException e) {
            console().warn("could not look for environments left in Docker: " + e.getMessage());
            return List.of();
        }
    }
}
