package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.model.ComposeTarget;
import piko.model.Environment;
import piko.model.PortAllocation;

/**
 * Creating, starting, stopping and destroying environments. create is a list of named steps, each
 * with its undo: any failure undoes the steps taken, newest first.
 */
public final class Environments {
    /** The steps of create, in order, as the journal names them. */
    static final String STEP_WORKTREE = "worktree";
    static final String STEP_COMPOSE = "compose project";
    static final String STEP_LINKS = "shared links";
    static final String STEP_START = "start";
    static final String STEP_SETUP = "setup script";

    private final Workspace ws;
    private final ComposeGateway docker;
    private final Worktrees git;
    private final Scripts scripts;
    private final Reporter out;
    private final EnvironmentCompose compose;
    private final SharedDeclaration declaration;
    private final SharedInstances instances;
    private final SharedLinks links;
    private final Cancellation cancellation;

    public Environments(Workspace ws, ComposeGateway docker, Worktrees git, Scripts scripts, PortProbe probe,
                        Shared shared, Cancellation cancellation, Reporter out) {
        this.cancellation = cancellation;
        this.ws = ws;
        this.docker = docker;
        this.git = git;
        this.scripts = scripts;
        this.compose = new EnvironmentCompose(ws, docker, probe);
        this.declaration = shared.declaration();
        this.instances = shared.instances();
        this.links = shared.links();
        this.out = out;
    }

    public Environment require(String name) {
        return ws.store().environment(name).orElseThrow(() -> new PikoException(
                "no environment named '" + name + "'", "see the environments with: piko list"));
    }

    /**
     * Worktree, override, containers and setup script, or nothing: any failure undoes every step
     * taken so far, newest first.
     */
    public Environment create(String name, String existingBranch) {
        Names.requireValidEnvName(name);
        if (ws.store().environment(name).isPresent()) {
            throw exists(name);
        }
        docker.requireCompose();
        docker.requireDaemon();
        String branch = existingBranch != null ? existingBranch : name;
        boolean newBranch = existingBranch == null;
        Path path = ws.project().worktreesDir().resolve(name);
        Environment env = ws.store().reserveEnvironment(name, branch, newBranch, path,
                        PortPlan.maxSlots(ws.config().portBase(), ws.config().portBlock()))
                .orElseThrow(() -> exists(name));
        Steps steps = new Steps(step -> ws.store().recordCreateStep(name, step), cancellation);
        try {
            checkBranchAndPath(env);
            steps.run(step(env, STEP_WORKTREE, () -> {
                addWorktree(env);
                copyFromMainCheckout(path);
            }));
            out.done("Created worktree " + ws.root().relativize(path) + " on branch " + branch);

            Map<String, String> vars = EnvVars.of(ws.project(), env, List.of());
            EnvironmentCompose.Prepared first = steps.run(STEP_COMPOSE, undoWhat(env, STEP_COMPOSE),
                    () -> undo(env, STEP_COMPOSE), () -> prepare(env, vars));
            first.warnings().forEach(out::warn);
            if (!first.shared().isEmpty()) {
                steps.run(step(env, STEP_LINKS, () -> ws.store().addConsumer(env, List.copyOf(first.shared()))));
            }
            EnvironmentCompose.Prepared prepared = steps.run(STEP_START, undoWhat(env, STEP_START),
                    () -> undo(env, STEP_START), () -> {
                        Instant starting = Instant.now();
                        try {
                            return startReplanningPorts(env, first, vars);
                        } catch (PikoException e) {
                            throw withFailedServices(e, first.target(), name, vars, true, starting);
                        }
                    });
            out.done("Started " + prepared.target().projectName() + " (" + (prepared.services().isEmpty() ? "nothing of its own"
                    : String.join(", ", prepared.services())) + ")"
                    + (prepared.shared().isEmpty() ? "" : "; shared: " + String.join(", ", prepared.shared())));

            if (ws.config().setupScript() != null) {
                steps.run(step(env, STEP_SETUP, () -> scripts.run("setup", ws.config().setupScript(), path,
                        EnvVars.of(ws.project(), env, portsOf(env)))));
                out.done("Ran setup script");
            }
            steps.requireNotInterrupted("at the end of create");
            ws.store().updateEnvironment(name, Environment.READY, prepared.services(), prepared.inputsHash());
            return require(name);
        } catch (RuntimeException e) {
            out.warn(cancellation.signal() != null ? "interrupted (SIG" + cancellation.signal() + "); undoing what create made"
                    : "create failed; undoing what it made");
            steps.undo(out::warn);
            forget(env);
            throw e;
        }
    }

    private void checkBranchAndPath(Environment env) {
        Path root = ws.root();
        if (env.createdBranch() && git.branchExists(root, env.branch())) {
            throw new PikoException("branch '" + env.branch() + "' already exists",
                    "to use it: piko create " + env.name() + " --branch " + env.branch());
        }
        if (!env.createdBranch() && !git.branchExists(root, env.branch())) {
            throw new PikoException("branch '" + env.branch() + "' does not exist", "create it first, or leave out --branch");
        }
        if (Files.exists(env.path())) {
            throw new PikoException(env.path() + " already exists", "move it away, or run: git worktree prune");
        }
    }

    private void addWorktree(Environment env) {
        if (env.createdBranch()) {
            git.addWorktreeNewBranch(ws.root(), env.path(), env.branch());
        } else {
            git.addWorktreeExistingBranch(ws.root(), env.path(), env.branch());
        }
    }

    private Steps.Step step(Environment env, String name, Runnable run) {
        return new Steps.Step(name, run, undoWhat(env, name), () -> undo(env, name));
    }

    private String undoWhat(Environment env, String step) {
        return switch (step) {
            case STEP_WORKTREE -> "remove worktree " + env.path() + (env.createdBranch() ? " and branch " + env.branch() : "");
            case STEP_COMPOSE -> "remove containers, network, volumes and built images of " + env.name();
            case STEP_LINKS -> "unlink the shared services from " + env.name();
            default -> "undo " + step;
        };
    }

    /** What undoing a step did, for the user; null when it has nothing to say. */
    private String undone(Environment env, String step) {
        return switch (step) {
            case STEP_WORKTREE -> "Removed worktree " + ws.root().relativize(env.path())
                    + (env.createdBranch() ? " and branch " + env.branch() : " (branch " + env.branch() + " kept)");
            case STEP_COMPOSE -> "Removed containers, network and volumes of "
                    + Names.composeProject(ws.project().name(), env.name());
            case STEP_LINKS -> "Unlinked the shared services from " + env.name();
            default -> null;
        };
    }

    /**
     * Takes back one step of create; finds nothing to do when the step never got far. The undo of
     * the compose project comes before the worktree's, and the links' before the compose project's
     * (a network with a shared container attached cannot be removed).
     */
    void undo(Environment env, String step) {
        switch (step) {
            case STEP_WORKTREE -> {
                if (Files.exists(env.path())) {
                    git.removeWorktree(ws.root(), env.path());
                } else {
                    git.pruneWorktrees(ws.root());
                }
                if (env.createdBranch() && git.branchExists(ws.root(), env.branch())) {
                    git.deleteBranch(ws.root(), env.branch());
                }
            }
            case STEP_COMPOSE -> {
                String project = Names.composeProject(ws.project().name(), env.name());
                docker.composeDown(ComposeTarget.byName(project), true, Duration.ZERO);
                docker.removeImages(docker.builtImages(project));
            }
            case STEP_LINKS -> links.unlink(env.name());
            default -> {
                // start and setup script: what they made goes with the compose project and the worktree
            }
        }
    }

    private void forget(Environment env) {
        try {
            ws.store().deleteEnvironment(env.name());
        } catch (RuntimeException e) {
            out.warn("could not forget environment " + env.name() + ": " + e.getMessage());
        }
    }

    /**
     * Starts the environment; rewrites the override first when the compose inputs changed or one of
     * its host ports is held by something else (that port is re-planned and the new one shown).
     */
    public void up(String name) {
        Environment env = requireUsable(name);
        docker.requireCompose();
        try {
            upOnce(env);
        } catch (PikoException e) {
            if (!networkGone(e)) {
                throw e;
            }
            repairNetwork(env);
            upOnce(require(name));
        }
        compose.warnings(env).forEach(out::warn);
        out.done("Started " + compose.target(env).projectName());
    }

    /** Compose's answer when a container's network was removed behind its back. */
    private static boolean networkGone(PikoException e) {
        return String.valueOf(e.getMessage()).matches("(?s).*network [^\\s]+ not found.*");
    }

    /**
     * A network removed by hand leaves containers that compose cannot start: they go (volumes stay)
     * and the next start recreates network and containers, and relinks the shared services.
     */
    private void repairNetwork(Environment env) {
        String project = Names.composeProject(ws.project().name(), env.name());
        out.info("The network of " + env.name() + " was removed: recreating its containers (volumes kept)");
        if (!consumed(env.name()).isEmpty()) {
            links.unlink(env.name());
        }
        docker.composeDown(ComposeTarget.byName(project), false);
    }

    private void upOnce(Environment env) {
        String name = env.name();
        Map<String, String> vars = EnvVars.of(ws.project(), env, portsOf(env));
        copyFromMainCheckout(env.path());
        boolean stale = compose.stale(env);
        Instant starting = Instant.now();
        try {
            if (stale || !compose.busyPorts(env).isEmpty()) {
                EnvironmentCompose.Prepared prepared = prepareAndRecord(env, vars, PortConflict.NONE);
                if (stale) {
                    out.info("Compose inputs changed: regenerated " + OverrideFile.NAME);
                }
                startReplanningPorts(env, prepared, EnvVars.of(ws.project(), env, portsOf(env)));
            } else {
                try {
                    start(compose.target(env), env.services(), Set.copyOf(consumed(name)), vars);
                } catch (PikoException e) {
                    PortConflict conflict = compose.subnetRefused(e, env) ? PortConflict.NONE : PortConflict.of(e).orElseThrow(() -> e);
                    startReplanningPorts(env, prepareAndRecord(env, vars, conflict), EnvVars.of(ws.project(), env, portsOf(env)));
                }
            }
        } catch (PikoException e) {
            throw withFailedServices(e, compose.target(env), name, vars, false, starting);
        }
    }

    /** Rewrites the override (ports re-planned where busy or refused), says which ports moved, and records the result. */
    private EnvironmentCompose.Prepared prepareAndRecord(Environment env, Map<String, String> vars, PortConflict conflict) {
        List<PortAllocation> before = ws.store().ports(env.name());
        EnvironmentCompose.Prepared prepared = prepare(env, vars, conflict);
        ws.store().updateEnvironment(env.name(), Environment.READY, prepared.services(), prepared.inputsHash());
        ws.store().addConsumer(env, List.copyOf(prepared.shared()));
        PortConflict.reportMoved(out, "", before, prepared.ports());
        return prepared;
    }

    /**
     * Starts the prepared services; when Docker finds a host port taken (see PortConflict), re-plans
     * the environment's ports once, says so, and starts again; when Docker refuses a subnet (its
     * network overlaps one the host's routes did not show), plans the subnets again around Docker's.
     */
    private EnvironmentCompose.Prepared startReplanningPorts(Environment env, EnvironmentCompose.Prepared prepared,
                                                            Map<String, String> vars) {
        try {
            start(prepared.target(), prepared.services(), prepared.shared(), vars);
            return prepared;
        } catch (PikoException e) {
            if (compose.subnetRefused(e, env)) {
                EnvironmentCompose.Prepared again = prepare(env, vars);
                start(again.target(), again.services(), again.shared(), vars);
                return again;
            }
            PortConflict conflict = PortConflict.of(e).orElseThrow(() -> e);
            List<PortAllocation> before = ws.store().ports(env.name());
            EnvironmentCompose.Prepared again = prepare(env, vars, conflict);
            if (!PortConflict.reportMoved(out, "", before, again.ports())) {
                throw e;
            }
            start(again.target(), again.services(), again.shared(), EnvVars.of(ws.project(), env, portsOf(env)));
            return again;
        }
    }

    /**
     * Starts an environment's services. With shared services: their instances first, then the
     * environment's networks and containers (created, not started), then the links, then the start,
     * so no service starts before the shared ones are reachable under their names.
     */
    private void start(ComposeTarget target, List<String> services, Set<String> used, Map<String, String> vars) {
        if (!used.isEmpty()) {
            instances.ensureRunning(used);
            if (services.isEmpty()) {
                return;  // every service is shared: nothing of its own to start or link
            }
            docker.composeUp(target, services, vars, ComposeGateway.Up.CREATE_ONLY);
            links.relink(used);
        }
        if (!services.isEmpty()) {
            docker.composeUp(target, services, vars);
        }
    }

    /**
     * A failed start, with the services that failed (unhealthy, exited) named in the hint. create
     * undoes itself, removing their logs, so their last log lines join its message instead.
     */
    private PikoException withFailedServices(PikoException e, ComposeTarget target, String env, Map<String, String> vars,
                                             boolean undone, Instant starting) {
        if (e.exitCode() != 1) {
            return e;
        }
        List<String> failed;
        String logs = "";
        try {
            failed = docker.failedServices(target.projectName(), starting);
            if (undone && !failed.isEmpty()) {
                logs = "\nlast log lines of " + String.join(", ", failed) + ":\n"
                        + docker.composeLogs(target, failed, 20, vars).strip();
            }
        } catch (PikoException unreadable) {
            return e;
        }
        if (failed.isEmpty()) {
            return e;
        }
        String which = String.join(", ", failed) + " failed";
        String hint = undone ? which + " (its log is above); fix it, then: piko create " + env
                : which + "; see why: " + failed.stream().map(s -> "piko logs " + env + " " + s)
                        .collect(java.util.stream.Collectors.joining(", "));
        return new PikoException(e.getMessage() + logs, hint, e.exitCode());
    }

    private EnvironmentCompose.Prepared prepare(Environment env, Map<String, String> vars) {
        return prepare(env, vars, PortConflict.NONE);
    }

    private EnvironmentCompose.Prepared prepare(Environment env, Map<String, String> vars, PortConflict conflict) {
        EnvironmentCompose.Prepared prepared = compose.prepare(env, sharedCandidates(env), vars, conflict);
        for (String s : prepared.sharedButUnknown()) {
            out.warn("piko.yaml shares " + s + ", which is not a service of " + ws.composeFile() + " in " + env.name());
        }
        return prepared;
    }

    /** The untracked files the worktree needs (env files, piko.yaml's copy list); never overwrites. */
    private void copyFromMainCheckout(Path worktree) {
        List<String> copied = WorktreeCopies.copyMissing(ws.root(), worktree, ws.composeFiles(ws.root()), ws.config().copy());
        if (!copied.isEmpty()) {
            out.done("Copied from the main checkout: " + String.join(", ", copied));
        }
    }

    /** Services this environment may take from shared instances: those marked shared, and those it already uses. */
    private Set<String> sharedCandidates(Environment env) {
        Set<String> candidates = new TreeSet<>(declaration.declared());
        candidates.addAll(consumed(env.name()));
        return candidates;
    }

    private List<String> consumed(String name) {
        return declaration.consumers().getOrDefault(name, List.of());
    }

    /** The environment's own ports, and those of the shared instances it uses. */
    private List<PortAllocation> portsOf(Environment env) {
        List<PortAllocation> ports = new ArrayList<>(ws.store().ports(env.name()));
        List<String> used = consumed(env.name());
        ws.store().ports(Names.SHARED).stream().filter(p -> used.contains(p.service())).forEach(ports::add);
        return ports;
    }

    /** Stops the environment's containers; keeps them, their network and volumes. */
    public void down(String name) {
        Environment env = require(name);
        docker.composeStop(ComposeTarget.byName(Names.composeProject(ws.project().name(), env.name())));
        out.done("Stopped " + Names.composeProject(ws.project().name(), env.name()));
    }

    public void restart(String name, String service) {
        Environment env = requireUsable(name);
        docker.requireCompose();
        if (service != null && !env.services().contains(service)) {
            throw new PikoException("no service '" + service + "' in environment " + name,
                    "its services: " + String.join(", ", env.services()));
        }
        Map<String, String> vars = EnvVars.of(ws.project(), env, portsOf(env));
        try {
            docker.composeRestart(compose.target(env), service == null ? List.of() : List.of(service), vars);
        } catch (PikoException e) {
            if (!networkGone(e)) {
                throw e;
            }
            repairNetwork(env);
            upOnce(require(name));
        }
        out.done("Restarted " + (service == null ? "" : service + " in ") + compose.target(env).projectName());
    }

    /** Destroy script, containers (and volumes when asked), worktree, state. The branch is kept. */
    public void destroy(String name, boolean volumes, boolean force) {
        Environment env = require(name);
        if (Environment.CREATING.equals(env.phase())) {
            destroyUnfinished(env);
            return;
        }
        Path path = env.path();
        boolean worktreePresent = Files.isDirectory(path);
        if (worktreePresent && !force) {
            List<String> ignored = new ArrayList<>(WorktreeCopies.wanted(ws.root(), ws.composeFiles(ws.root()), ws.config().copy()));
            ignored.add(OverrideFile.NAME);
            List<String> changes = git.changes(path, ignored);
            if (!changes.isEmpty()) {
                throw new PikoException("the worktree of " + name + " has uncommitted changes ("
                        + changes.size() + "): " + String.join("; ", changes.subList(0, Math.min(5, changes.size()))),
                        "commit or stash them, or pass --force to discard them");
            }
        }
        if (worktreePresent && ws.config().destroyScript() != null) {
            try {
                scripts.run("destroy", ws.config().destroyScript(), path, EnvVars.of(ws.project(), env, portsOf(env)));
                out.done("Ran destroy script");
            } catch (PikoException e) {
                out.warn(e.getMessage() + " (continuing)");
            }
        }
        String project = Names.composeProject(ws.project().name(), name);
        List<String> used = consumed(name);
        if (!used.isEmpty()) {
            links.unlink(name);
        }
        docker.composeDown(ComposeTarget.byName(project), volumes);
        out.done("Removed containers and network of " + project + (volumes ? ", and its volumes" : ""));
        List<String> built = docker.builtImages(project);
        if (docker.removeImages(built)) {
            if (!built.isEmpty()) out.done("Removed the images compose built for it: " + String.join(", ", built));
        } else {
            out.warn("could not remove the images compose built for " + name + ": " + String.join(", ", built));
        }
        if (worktreePresent) {
            git.removeWorktree(ws.root(), path);
            out.done("Removed worktree " + ws.root().relativize(path) + " (branch " + env.branch() + " kept)");
        } else {
            git.pruneWorktrees(ws.root());
        }
        ws.store().deleteEnvironment(name);
        instances.stopUnused(used);
        out.done("Destroyed " + name);
    }

    /**
     * An environment whose create never finished (the process was killed): undoes the steps that
     * create recorded, newest first, so that volumes and the branch it made go too. A failing undo
     * fails destroy and keeps the environment, so that destroy can be run again.
     */
    private void destroyUnfinished(Environment env) {
        List<String> used = consumed(env.name());
        List<String> taken = new ArrayList<>(ws.store().createSteps(env.name()));
        java.util.Collections.reverse(taken);
        for (String step : taken) {
            undo(env, step);
            String said = undone(env, step);
            if (said != null) {
                out.done(said);
            }
        }
        ws.store().deleteEnvironment(env.name());
        instances.stopUnused(used);
        out.done("Destroyed " + env.name() + " (its create had not finished)");
    }

    public Map<String, String> vars(String name) {
        Environment env = require(name);
        return EnvVars.of(ws.project(), env, portsOf(env));
    }

    private Environment requireUsable(String name) {
        Environment env = require(name);
        if (!Environment.READY.equals(env.phase())) {
            throw new PikoException("environment " + name + " was not created completely",
                    "remove it with: piko destroy " + name + " --force");
        }
        if (!Files.isDirectory(env.path())) {
            throw new PikoException("the worktree of " + name + " is missing (" + env.path() + ")",
                    "remove the environment with: piko destroy " + name);
        }
        return env;
    }

    private static PikoException exists(String name) {
        return new PikoException("environment '" + name + "' already exists", "remove it first with: piko destroy " + name);
    }
}
