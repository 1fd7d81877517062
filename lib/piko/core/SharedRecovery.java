package piko.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import piko.core.Checkup.Finding;
import piko.core.ProjectStore.JournalEntry;
import piko.model.ComposeTarget;
import piko.model.Container;

/**
 * doctor's view of what a share, isolate or down --shared killed midway left (their journals), and
 * of shared instances that neither piko.yaml nor the state lists: each with what --fix does.
 */
final class SharedRecovery {
    private final Workspace ws;
    private final ComposeGateway docker;
    private final Shared shared;

    SharedRecovery(Workspace ws, ComposeGateway docker, Shared shared) {
        this.ws = ws;
        this.docker = docker;
        this.shared = shared;
    }

    /** containers: this checkout's containers of the shared compose project, running or not. */
    List<Finding> findings(List<Container> containers, List<JournalEntry> journal) {
        Map<String, Container> instances = containers.stream()
                .collect(Collectors.toMap(Container::service, c -> c, (a, b) -> a));
        List<JournalEntry> entries = journal.stream().filter(e -> List.of(CommandJournal.SHARE, CommandJournal.ISOLATE,
                CommandJournal.DOWN_SHARED).contains(e.command())).toList();
        List<Finding> out = new ArrayList<>();
        if (shared.lock().heldElsewhere()) {
            entries.forEach(e -> out.add(new Finding((e.command() + " " + e.subject()).strip(), "not checked: another piko process"
                    + " holds the project lock now (it may be this very command)", "nothing: check again once that process has ended", null)));
            return out;  // what it has started is not a leftover
        }
        Set<String> known = shared.declaration().instances();
        Set<String> covered = new TreeSet<>();
        for (JournalEntry e : entries) {
            covered.add(e.subject());
            Container c = instances.get(e.subject());
            switch (e.command()) {
                case CommandJournal.SHARE -> out.add(share(e, c, known));
                case CommandJournal.ISOLATE -> out.add(new Finding("shared " + e.subject(), "isolate " + e.subject()
                        + " was interrupted (" + last(e) + ")" + (c == null ? "" : "; its instance is " + c.state()),
                        "finish it: " + e.subject() + " leaves piko.yaml and the state, and its instance goes unless an environment uses it",
                        () -> finishIsolate(e.subject())));
                default -> out.add(new Finding("shared", "down --shared was interrupted (" + last(e) + ")",
                        "finish it: remove the shared containers and network" + (volumes(e) ? ", and their volumes" : ""),
                        () -> finishDownShared(volumes(e))));
            }
        }
        String own = shared.instances().composeProject();
        for (Container c : containers) {
            boolean linked = c.networks().stream().anyMatch(n -> !n.equals(own) && !n.startsWith(own + "_"));
            if (!known.contains(c.service()) && !covered.contains(c.service()) && !linked) {  // linked: an environment the state lost uses it
                out.add(new Finding("shared " + c.service(), "an instance (" + c.state() + ") that neither piko.yaml nor the state"
                        + " lists and no environment uses", "remove its container (its volumes stay)", () -> remove(c.service())));
            }
        }
        return out;
    }

    private Finding share(JournalEntry e, Container c, Set<String> known) {
        String service = e.subject();
        boolean listed = shared.declaration().declared().contains(service) || shared.declaration().listed().contains(service);
        if (listed || c != null && c.running()) {
            return new Finding("shared " + service, "share " + service + " was interrupted (" + last(e) + ") after "
                    + (listed ? "it listed " + service : "compose started its instance") + "; the state does not record it complete",
                    "finish it: list " + service + " in piko.yaml and the state, and link it to the environments that use it",
                    () -> finishShare(service));
        }
        return new Finding("shared " + service, "share " + service + " was interrupted (" + last(e) + ") before its instance ran"
                + (c == null ? "" : " (its container is " + c.state() + ")"),
                "undo it: " + (known.contains(service) ? "nothing to remove (an environment uses " + service + ")"
                        : "remove its container and its ports"), () -> undoShare(service));
    }

    private void finishShare(String service) {
        shared.lock().holding(() -> {
            Set<String> after = new TreeSet<>(shared.declaration().declared());
            after.add(service);
            shared.declaration().mark(service, shared.declaration().listed(), after);
            shared.instances().recordContainers(List.of(service));
            shared.links().relink(List.of(service));
            CommandJournal.share(ws.store(), service).end();
        });
    }

    private void undoShare(String service) {
        shared.lock().holding(() -> {
            if (!shared.declaration().instances().contains(service)) {
                removeHoldingLock(service);
            }
            CommandJournal.share(ws.store(), service).end();
        });
    }

    private void finishIsolate(String service) {
        shared.lock().holding(() -> {
            List<String> listed = shared.declaration().listed();
            if (listed.contains(service) || shared.declaration().declared().contains(service)) {
                shared.declaration().unmark(service, listed);
            }
            shared.instances().stopUnused(List.of(service));
            CommandJournal.isolate(ws.store(), service).end();
        });
    }

    private void finishDownShared(boolean volumes) {
        shared.lock().holding(() -> {
            ws.ownership(docker).requireOwn(shared.instances().composeProject(), "remove");
            docker.composeDown(ComposeTarget.byName(shared.instances().composeProject()), volumes);
            CommandJournal.downShared(ws.store()).end();
        });
    }

    private void remove(String service) {
        shared.lock().holding(() -> {
            if (!shared.declaration().instances().contains(service)) {
                removeHoldingLock(service);
            }
        });
    }

    /** The container goes only when every object of the shared compose project is provably this checkout's. */
    private void removeHoldingLock(String service) {
        ws.ownership(docker).requireOwn(shared.instances().composeProject(), "remove");
        shared.instances().stopUnused(List.of(service));  // the shared network too, when it was the last instance
        shared.instances().forgetPorts(service);
    }

    private static boolean volumes(JournalEntry e) {
        return CommandJournal.askedVolumes(e);
    }

    private static String last(JournalEntry e) {
        return CommandJournal.lastStep(e);
    }
}
