package piko.core;

/**
 * The journal of one run of share, isolate, destroy or down --shared in the state: each step is
 * written down before it runs, and the whole goes once the command has ended (done, or undone). A
 * command killed midway (SIGKILL, power cut) leaves it behind, for doctor to finish or undo.
 */
final class CommandJournal {
    static final String SHARE = "share";
    static final String ISOLATE = "isolate";
    static final String DESTROY = "destroy";
    static final String DOWN_SHARED = "down --shared";

    /** share: compose starts the instance, piko.yaml and the state list it, the links to environments. */
    static final String START = "start";
    static final String MARK = "mark";
    static final String LINK = "link";
    /** isolate: piko.yaml and the state no longer list it, its instance stops. */
    static final String UNMARK = "unmark";
    static final String STOP = "stop";
    /** destroy and down --shared: what the command was asked (with --volumes or not), then its steps. */
    static final String ASKED = "asked";
    static final String SCRIPT = "destroy script";
    static final String DOWN = "down";
    static final String WORKTREE = "worktree";
    static final String FORGET = "forget";

    private final ProjectStore store;
    private final String command;
    private final String subject;

    private CommandJournal(ProjectStore store, String command, String subject) {
        this.store = store;
        this.command = command;
        this.subject = subject;
    }

    static CommandJournal share(ProjectStore store, String service) {
        return new CommandJournal(store, SHARE, service);
    }

    static CommandJournal isolate(ProjectStore store, String service) {
        return new CommandJournal(store, ISOLATE, service);
    }

    static CommandJournal destroy(ProjectStore store, String environment) {
        return new CommandJournal(store, DESTROY, environment);
    }

    static CommandJournal downShared(ProjectStore store) {
        return new CommandJournal(store, DOWN_SHARED, "");
    }

    /** Whether the command was asked to remove volumes too (destroy --volumes, down --shared --volumes). */
    static boolean askedVolumes(ProjectStore.JournalEntry entry) {
        return entry.steps().contains(ASKED + " --volumes");
    }

    /** The last step an unfinished command began, in words. */
    static String lastStep(ProjectStore.JournalEntry entry) {
        return "at step " + entry.steps().get(entry.steps().size() - 1);
    }

    /** Writes down a step before it runs. */
    void step(String step) {
        store.recordJournalStep(command, subject, step);
    }

    /** The command ended: nothing is left to finish or undo. */
    void end() {
        store.clearJournal(command, subject);
    }
}
