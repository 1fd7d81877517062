package piko.core;

import java.util.Map;
import piko.model.Environment;

/**
 * Creating, starting, stopping and destroying environments: the entry of the lifecycle flows
 * (Creating, Starting, Removing), which share EnvironmentParts.
 */
public final class Environments {
    private final EnvironmentParts parts;
    private final Creating creating;
    private final Starting starting;
    private final Removing removing;

    public Environments(Workspace ws, ComposeGateway docker, Worktrees git, Scripts scripts, PortProbe probe,
                        Shared shared, Cancellation cancellation, Reporter out) {
        this.parts = new EnvironmentParts(ws, docker, git, scripts, probe, shared, cancellation, out);
        StartFailures failures = new StartFailures(docker);
        this.starting = new Starting(parts, failures);
        this.creating = new Creating(parts, starting, failures);
        this.removing = new Removing(parts, creating);
    }

    public Environment require(String name) {
        return parts.require(name);
    }

    /**
     * Worktree, override, containers and setup script, or nothing: any failure undoes every step
     * taken so far, newest first.
     */
    public Environment create(String name, String existingBranch) {
        return creating.create(name, existingBranch, null, false);
    }

    /** As create, with the new volumes filled from seed (create --from) before the containers first start. */
    public Environment create(String name, String existingBranch, VolumeSeed seed) {
        return creating.create(name, existingBranch, seed, false);
    }

    /** fresh: volumes an earlier environment of this name kept are removed first instead of used. */
    public Environment create(String name, String existingBranch, VolumeSeed seed, boolean fresh) {
        return creating.create(name, existingBranch, seed, fresh);
    }

    /** Starts the environment, re-planning busy ports and rewriting a stale override first. */
    public void up(String name) {
        starting.up(name);
    }

    /** Stops the environment's containers; keeps them, their network and volumes. */
    public void down(String name) {
        starting.down(name);
    }

    public void restart(String name, String service) {
        starting.restart(name, service);
    }

    /** Destroy script, containers (and volumes when asked), worktree, state. The branch is kept. */
    public void destroy(String name, boolean volumes, boolean force) {
        removing.destroy(name, volumes, force);
    }

    public Map<String, String> vars(String name) {
        return parts.vars(parts.require(name));
    }
}
