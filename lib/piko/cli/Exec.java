package piko.cli;

import piko.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import piko.error.PikoException;

/** Everything after the service is the command, options included (Main stops option parsing at the first word). */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command in a running service of an environment and exit with its exit code;"
                + " with a terminal when stdin is one. A shared service's command runs in its shared instance.")
final class Exec extends BaseCommand {
    @Parameters(paramLabel = "[<name>] <service> [--] <command>", arity = "1..*",
            description = "Environment (default: the worktree you are in), service, then the command and its arguments.")
    List<String> words = new ArrayList<>();

    @Override
    int execute() {
        int dash = words.indexOf("--");
        Named n;
        List<String> command;
        if (dash >= 0 && dash <= 2) {
            n = named(words.subList(0, dash));
            command = words.subList(dash + 1, words.size());
            if (n.rest().size() != 1) {
                throw usage();
            }
        } else {
            n = named(words);
            if (n.rest().isEmpty()) {
                throw usage();
            }
            command = n.rest().subList(1, n.rest().size());
        }
        if (command.isEmpty()) {
            throw usage();
        }
        String service = n.rest().get(0);
        List<String> args = new ArrayList<>(List.of("exec"));
        if (!Terminal.stdinIsTerminal()) {
            args.add("-T");
        }
        args.add("--");  // the service and the command are never read as compose's options
        args.add(service);
        args.addAll(command);
        piko.core.ComposeAccess.Resolved target = composeAccess().of(n.name(), List.of(service));
        int code = passthrough(target, args);
        String env = target.vars().get("PIKO_ENV_NAME");
        if (code != 0 && env != null && target.note() == null) {
            sayIfDestroyed(env, target.vars().get("PIKO_BRANCH"));
        }
        return code;  // the command's own, also when its environment went
    }

    /**
     * A destroy of the environment ends the command with its container (exit 137, no word from
     * Docker): when one did, or still runs, it is named once it is done. Destroy holds the
     * environment's lock from before it stops the containers until the state forgets them.
     */
    private void sayIfDestroyed(String env, String branch) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        java.nio.file.Path file = workspace().root().resolve(piko.core.Workspace.DIR).resolve("locks").resolve(env);
        piko.state.LockFile lock = new piko.state.LockFile(file, "piko destroy " + env, null, waiting -> { });
        String by = lock.heldElsewhere() ? lock.holder() : "";
        if (by.startsWith("piko destroy ")) {
            lock.holding(() -> null);  // until it is done
        }
        if (workspace().store().environment(env).isEmpty()) {
            err.println(Terminal.paint(err, "31", "error:") + " environment " + env + " was destroyed while this command ran in it"
                    + (by.isEmpty() ? "" : " (" + by + ")"));
            err.println("hint: its branch " + branch + " is kept; to work there again: piko create " + env + " --branch " + branch);
            err.flush();
        }
    }

    private static PikoException usage() {
        return new PikoException("exec needs a service and a command", "for example: piko exec <name> web -- sh -c 'ls'", ExitCode.USAGE);
    }
}
