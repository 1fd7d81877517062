package piko.core;

/** The steps of create, in order, each under the name the journal (the state's create_step) records. */
enum CreateStep {
    WORKTREE("worktree"),
    COMPOSE("compose project"),
    LINKS("shared links"),
    SEED("volumes from"),
    START("start"),
    SETUP("setup script");

    final String journalName;

    CreateStep(String journalName) {
        this.journalName = journalName;
    }

    /** The step a journal line names; null for a name this piko does not know. */
    static CreateStep named(String journalName) {
        for (CreateStep s : values()) {
            if (s.journalName.equals(journalName)) {
                return s;
            }
        }
        return null;
    }
}
