package piko.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;

/** Compose run on one project: its model, up, stop, restart, down, logs (a role of ComposeGateway). */
public interface ComposeProjects {
    /** How far `up` goes: create only (networks and containers), start, or start and wait until healthy. */
    enum Up { CREATE_ONLY, START, START_AND_WAIT }

    /** The fully resolved model of a project, as compose itself parses it. */
    ComposeModel config(ComposeTarget target, Map<String, String> env);

    void composeUp(ComposeTarget target, List<String> services, Map<String, String> env, Up how);

    default void composeUp(ComposeTarget target, List<String> services, Map<String, String> env) {
        composeUp(target, services, env, Up.START);
    }

    /** Stops and removes the containers of some services of a project; their named volumes stay (anonymous ones go). */
    void composeRemove(ComposeTarget target, List<String> services);

    void composeStop(ComposeTarget target);

    void composeRestart(ComposeTarget target, List<String> services, Map<String, String> env);

    /** Removes containers and networks (and volumes when asked); stopTimeout null: each service's own. */
    void composeDown(ComposeTarget target, boolean volumes, Duration stopTimeout);

    default void composeDown(ComposeTarget target, boolean volumes) {
        composeDown(target, volumes, null);
    }

    /** The commands running in a project's containers now (docker exec, piko exec), by service: how many each. */
    Map<String, Integer> runningCommands(String composeProject);

    /** The last lines of some services' logs, captured. */
    String composeLogs(ComposeTarget target, List<String> services, int tail, Map<String, String> env);
}
