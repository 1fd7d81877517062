package piko.core;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.model.ComposeModel;

/**
 * The shared-service commands: share, isolate, and the sync of piko.yaml at every command's start.
 * Each changes piko.yaml and the shared instances holding the project lock, reading piko.yaml as
 * it is then, so two piko processes never lose each other's change.
 */
public final class SharedServices {
    private final Workspace ws;
    private final EngineChecks engine;
    private final NetworkLinks networks;
    private final SharedDeclaration declaration;
    private final SharedInstances instances;
    private final SharedLinks links;
    private final ProjectLock lock;
    private final Reporter out;
    private final Cancellation cancellation;

    public <D extends EngineChecks & NetworkLinks> SharedServices(Workspace ws, D docker, Shared shared, Reporter out,
            Cancellation cancellation) {
        this.ws = ws;
        this.engine = docker;
        this.networks = docker;
        this.declaration = shared.declaration();
        this.instances = shared.instances();
        this.links = shared.links();
        this.lock = shared.lock();
        this.out = out;
        this.cancellation = cancellation;
    }

    /**
     * Makes the state's list match piko.yaml (the declaration), and says what changed. An instance
     * that is no longer declared stops once no environment uses it.
     */
    public List<String> syncFromConfig() {
        if (declaration.inSync()) {
            return List.of();  // in sync: no lock and no write on every command
        }
        return lock.holding(() -> {
            requireKnown(declaration.listed());
            SharedDeclaration.Change change = declaration.syncFromConfig();
            List<String> said = new java.util.ArrayList<>();
            change.added().forEach(s -> said.add(s + " is now shared (listed in piko.yaml)"));
            change.removed().forEach(s -> said.add(s + " is no longer shared (not in piko.yaml)"));
            if (!change.removed().isEmpty()) {
                instances.stopUnused(change.removed());
            }
            return said;
        });
    }

    /**
     * Refuses a shared: list in piko.yaml that newly names a service the root's compose files do
     * not have. Names the state already holds are not checked again (no compose call on every
     * command), and compose files that cannot be read leave the check to the command that reads them.
     */
    private void requireKnown(List<String> listed) {
        List<String> added = listed.stream().filter(s -> !declaration.declared().contains(s)).toList();
        if (added.isEmpty()) {
            return;
        }
        Set<String> services;
        try {
            services = instances.rootModel().services().keySet();
        } catch (PikoException unreadable) {
            return;
        }
        List<String> unknown = added.stream().filter(s -> !services.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownShared(ws, unknown, services);
        }
    }

    /** piko.yaml's shared: names services the compose files do not have; `piko isolate <it>` takes one out. */
    public static final class UnknownShared extends PikoException {
        private final List<String> unknown;

        UnknownShared(Workspace ws, List<String> unknown, Set<String> services) {
            super(ws.config().file().getFileName() + " shares " + String.join(", ", unknown) + ", which "
                    + (unknown.size() == 1 ? "is not a service" : "are not services") + " of " + ws.composeFile(),
                    "the services of " + ws.composeFile() + ": " + String.join(", ", services) + "; fix shared: in "
                            + ws.config().file() + ", or: piko isolate " + unknown.get(0));
            this.unknown = List.copyOf(unknown);
        }

        public List<String> unknown() {
            return unknown;
        }
    }

    /**
     * Starts the service's shared instance, and only once it runs (or is healthy) lists it in
     * piko.yaml and the state: a failed share changes neither, and removes the container it made.
     */
    public void share(String service) {
        engine.requireCompose();
        ComposeModel model = instances.rootModel();
        lock.holding(() -> shareHoldingLock(model, service));
    }

    private void shareHoldingLock(ComposeModel model, String service) {
        List<String> listed = declaration.listed();
        if (!model.services().containsKey(service)) {
            throw new PikoException("no service '" + service + "' in " + ws.composeFile(),
                    "its services: " + String.join(", ", model.services().keySet()));
        }
        List<String> declared = declaration.declared();
        Set<String> sharedAfter = new TreeSet<>(declared);
        sharedAfter.add(service);
        List<String> unshared = model.services().get(service).dependsOn().keySet().stream()
                .filter(d -> !sharedAfter.contains(d)).toList();
        if (!unshared.isEmpty()) {
            throw new PikoException(service + " depends on " + String.join(", ", unshared)
                    + ", which " + (unshared.size() == 1 ? "is" : "are") + " not shared: a shared instance cannot depend"
                    + " on one environment's services", "share " + String.join(" and ", unshared) + " first");
        }
        List<String> tied = model.tiedTo(service, sharedAfter);
        if (!tied.isEmpty()) {
            throw new PikoException(service + " cannot be shared: " + String.join("; ", tied)
                    + (tied.size() == 1 ? " needs" : " need") + " its container in the same compose project",
                    "keep " + service + " in each environment, or remove that from the compose file");
        }
        boolean already = declared.contains(service) && listed.contains(service);
        List<String> newNetworks = instances.networkNames(model, service).stream().filter(n -> !networks.networkExists(n)).toList();
        boolean wasRunning = instances.isRunning(service);
        Set<String> rendered = new TreeSet<>(declaration.instances());
        rendered.add(service);
        CommandJournal journal = CommandJournal.share(ws.store(), service);
        try {
            journal.step(CommandJournal.START);
            instances.start(model, List.of(service), rendered);
            if (!already) {
                journal.step(CommandJournal.MARK);
                declaration.mark(service, listed, sharedAfter);  // piko.yaml refused (a link out of the repository): undone too
            }
        } catch (RuntimeException e) {
            if (!already) {
                // after a signal too, and shielded from another: the removal's docker calls must run
                cancellation.shielded(() -> {
                    out.warn("share " + service + " failed; removing what it started");
                    try {
                        instances.removeAfterFailedShare(service, wasRunning);
                    } catch (RuntimeException undo) {
                        out.warn("could not remove the shared " + service + " container: " + undo.getMessage());
                        throw e;  // the journal stays: doctor finishes the undo
                    }
                });
            }
            journal.end();
            throw e;
        }
        if (already) {
            out.info(service + " is already shared");
        } else {
            out.done("Marked " + service + " as shared");
        }
        instances.recordContainers(List.of(service));
        if (!newNetworks.isEmpty()) {
            out.done("Created shared network" + (newNetworks.size() == 1 ? ": " : "s: ") + String.join(", ", newNetworks));
        }
        out.done("Started shared " + service + " container");
        journal.step(CommandJournal.LINK);
        links.relink(List.of(service));
        journal.end();
    }

    public void isolate(String service) {
        lock.holding(() -> isolateHoldingLock(service));
    }

    private void isolateHoldingLock(String service) {
        List<String> listed = declaration.listed();
        if (!declaration.declared().contains(service) && !listed.contains(service)) {
            throw new PikoException(service + " is not shared", "see the shared services with: piko shared");
        }
        CommandJournal journal = CommandJournal.isolate(ws.store(), service);
        journal.step(CommandJournal.UNMARK);
        declaration.unmark(service, listed);
        out.done("Marked " + service + " as isolated");
        List<String> users = declaration.usersOf(service);
        if (users.isEmpty()) {
            journal.step(CommandJournal.STOP);
            instances.stopUnused(List.of(service));
            journal.end();
        } else {
            journal.end();
            out.info("The shared " + service + " keeps serving " + String.join(", ", users)
                    + " until " + (users.size() == 1 ? "it is" : "they are") + " destroyed; new environments run their own");
        }
    }

    /** `piko down --shared`. */
    public void downAll(boolean volumes) {
        instances.downAll(volumes);
    }
}
