package piko.cli;

import picocli.CommandLine.Command;
import piko.core.ProjectSetup;
import piko.model.Project;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Start using piko in this git repository (creates .piko/state.db).")
final class Init extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Override
    int execute() {
        Project p = new ProjectSetup(git()).init(cwd());
        Console c = console();
        c.done("Initialised piko project " + p.name() + " in " + p.root());
        c.done("Compose file: " + p.composeFile());
        c.done("Added .piko/ to .gitignore");
        c.info("Next: piko create <name>");
        return 0;
    }
}
