package piko.core;

/** Whether Docker and compose are there to work with (a role of ComposeGateway). */
public interface EngineChecks {
    /** Fails unless the compose v2 plugin is there and new enough for the override tags piko writes. */
    void requireCompose();

    /** Fails unless the Docker daemon answers. */
    void requireDaemon();
}
