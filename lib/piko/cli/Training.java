package piko.cli;

import java.nio.file.Path;
import java.util.List;
import piko.core.Workspace;
import piko.model.PortAllocation;
import piko.state.ProjectState;

/**
 * The training run of `piko install`: everyday commands once each, in one JVM, in a throw-away
 * project, so the class-data archive holds what they load: the state's and Docker's reads, and an
 * environment's create, up, down and destroy. A failure comes after the loading and does not matter.
 */
public final class Training {
    private static final String ENV = "training";
    private static final List<List<String>> COMMANDS = List.of(
            List.of("status"), List.of("list"), List.of("list", "--json"), List.of("shared"),
            List.of("env", ENV), List.of("env", ENV, "--json"), List.of("status", ENV),
            List.of("--version"), List.of("--help"), List.of("create", "--help"));
    /** An environment's life, against the pretend docker that install puts first on PATH (see TrainingProject). */
    private static final List<List<String>> LIFECYCLE = List.of(
            List.of("create", "made"), List.of("status", "made"), List.of("up", "made"), List.of("down", "made"),
            List.of("up", "made"), List.of("destroy", "made"));

    private Training() {
    }

    public static void main(String... args) {
        Main.nameLoggingProvider();
        Path here = Path.of(System.getProperty("user.dir"));
        Main.run("init");
        recordEnvironment(here);
        for (List<String> command : COMMANDS) {
            Main.run(command.toArray(String[]::new));
        }
        EnvSnapshot.answer(new String[] {"env", ENV}, here, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        for (List<String> command : LIFECYCLE) {
            Main.run(Terminal.stdout(), Terminal.stderr(), true, command.toArray(String[]::new));
        }
    }

    /** An environment in the state alone (no worktree, no containers), so that env and status go their whole way. */
    private static void recordEnvironment(Path root) {
        try (ProjectState state = ProjectState.open(Workspace.stateFile(root), root)) {
            state.adoptEnvironment(ENV, ENV, root.resolve(ENV), 1, List.of("web"), List.of(
                    new PortAllocation(ENV, "web", 8080, "tcp", 20001), new PortAllocation(ENV, "web", 53, "udp", 20002)));
        } catch (RuntimeException e) {
            // without it, the archive holds less; it is made all the same
        }
    }
}
