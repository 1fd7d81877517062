package piko.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import piko.core.Checkup.Finding;
import piko.core.ProjectStore.JournalEntry;
import piko.model.Environment;

/**
 * doctor's view of environments a killed command left halfway: a create that never finished (its
 * create_step journal) and a destroy that never finished (its journal), each with what --fix does.
 * A command running now on the environment (its lock held by another process) is only named.
 */
final class EnvironmentRecovery {
    private final Workspace ws;
    private final Environments environments;
    private final Function<String, String> runningOn;
    private final Set<String> handled = new TreeSet<>();

    /** runningOn: what holds an environment's lock now in another process ("piko create x, process 12"), else null. */
    EnvironmentRecovery(Workspace ws, Environments environments, Function<String, String> runningOn) {
        this.ws = ws;
        this.environments = environments;
        this.runningOn = runningOn;
    }

    List<Finding> findings(Collection<Environment> known, List<JournalEntry> journal) {
        List<Finding> out = new ArrayList<>();
        for (Environment env : known) {
            String name = env.name();
            JournalEntry destroy = journal.stream().filter(j -> j.command().equals(CommandJournal.DESTROY)
                    && j.subject().equals(name)).findFirst().orElse(null);
            boolean unfinished = Environment.CREATING.equals(env.phase());
            if (destroy == null && !unfinished) {
                continue;
            }
            handled.add(name);
            String holder = runningOn.apply(name);
            if (holder != null) {
                out.add(new Finding(name, "a command runs on it now (" + holder + ")", "nothing: let it end, then check again", null));
            } else if (destroy != null) {
                boolean volumes = CommandJournal.askedVolumes(destroy);
                out.add(new Finding(name, "its destroy was interrupted (" + CommandJournal.lastStep(destroy) + ")",
                        "finish it, as piko destroy " + name + (volumes ? " --volumes" : "") + " does (the destroy script is not"
                                + " run again; uncommitted work in its worktree stops it)",
                        () -> environments.destroy(name, volumes, false)));
            } else {
                List<String> steps = ws.store().createSteps(name).stream().filter(s -> CreateStep.named(s) != null).toList();
                out.add(new Finding(name, "its create did not finish (" + (steps.isEmpty() ? "before its first step"
                        : "at step " + steps.get(steps.size() - 1)) + ")",
                        "remove what it made, as piko destroy " + name + " does (its volumes stay, and its branch when it holds"
                                + " commits of its own; uncommitted work in its worktree stops it)",
                        () -> environments.destroy(name, false, false)));
            }
        }
        return out;
    }

    /** The environments reported here, which the other checks leave alone. */
    Set<String> handled() {
        return handled;
    }
}
