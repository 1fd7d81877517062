package piko.model;

/** Labels on everything piko creates in Docker, so state can be reconciled with reality. */
public final class Labels {
    public static final String PROJECT = "dev.piko.project";
    public static final String ENVIRONMENT = "dev.piko.environment";
    /** The identity of the checkout whose piko made the object (see Project). */
    public static final String IDENTITY = "dev.piko.identity";
    /** The folder compose ran in (compose labels containers with it): a worktree, or a project's root. */
    public static final String COMPOSE_WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";
    /** The key of a network in its compose file (compose labels the networks it creates). */
    public static final String COMPOSE_NETWORK = "com.docker.compose.network";
    /** The key of a volume in its compose file (compose labels the volumes it creates). */
    public static final String COMPOSE_VOLUME = "com.docker.compose.volume";

    private Labels() {
    }
}
