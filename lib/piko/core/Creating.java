package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import piko.error.PikoException;
import piko.model.ComposeTarget;
import piko.model.Environment;

/**
 * create: worktree, override, containers and setup script, as CreateSteps, each with its undo; any
 * failure undoes the steps taken, newest first, and the journal lets destroy undo an unfinished one.
 */
final class Creating {
    private final EnvironmentParts p;
    private final Starting starting;
    private final StartFailures failures;
    /** Branches an undo kept because they hold commits on no other branch. */
    private final java.util.Set<String> keptBranches = new java.util.HashSet<>();

    Creating(EnvironmentParts parts, Starting starting, StartFailures failures) {
        this.p = parts;
        this.starting = starting;
        this.failures = failures;
    }

    /**
     * fresh: volumes an earlier environment of this name kept are removed first (otherwise the new
     * one uses them, and says so). Volumes that existed before are never removed by the undo.
     */
    Environment create(String name, String existingBranch, VolumeSeed seed, boolean fresh) {
        Names.requireValidEnvName(name);
        if (p.ws.store().environment(name).isPresent()) {
            throw exists(name);
        }
        SubnetPool.fromEnvironment();  // a wrong pool setting stops create before it makes anything
        Ipv6Pool.fromEnvironment();
        p.docker.requireCompose();  // the daemon: ownership's docker ps just below fails as a ping would
        String composeProject = Names.composeProject(p.ws.project().name(), name);
        Ownership ownership = p.ws.ownership(p.docker);
        ownership.requireOwn(composeProject, "reuse");
        CreateGuards.refuseAnotherProjectsName(p, name, composeProject);
        String branch = existingBranch != null ? existingBranch : name;
        boolean newBranch = existingBranch == null;
        Path path = p.ws.project().worktreesDir().resolve(name);
        java.util.Set<String> needed = neededFiles(existingBranch);
        Environment env = p.ws.store().reserveEnvironment(name, branch, newBranch, path,
                        PortPlan.maxSlots(p.ws.config().portBase(), p.ws.config().portBlock()))
                .orElseThrow(() -> exists(name));
        Steps steps = new Steps(step -> p.ws.store().recordCreateStep(name, step), p.cancellation);
        try {
            checkBranchAndPath(env);
            List<String> kept = CreateGuards.keptVolumes(p, ownership, name, composeProject, seed, fresh);
            steps.run(step(env, CreateStep.WORKTREE, () -> {
                addWorktree(env);
                p.copyFromMainCheckout(path, needed);
            }));
            p.out.done("Created worktree " + p.ws.root().relativize(path) + " on branch " + branch);

            Map<String, String> vars = EnvVars.of(p.ws.project(), env, List.of());
            EnvironmentCompose.Prepared first = steps.run(CreateStep.COMPOSE.journalName, undoWhat(env, CreateStep.COMPOSE),
                    () -> undo(env, CreateStep.COMPOSE, kept), () -> p.prepare(env, vars, PortConflict.NONE));
            first.warnings().forEach(p.out::warn);
            if (!first.shared().isEmpty()) {
                steps.run(step(env, CreateStep.LINKS, () -> p.ws.store().addConsumer(env, List.copyOf(first.shared()))));
            }
            if (seed != null) {
                steps.run(step(env, CreateStep.SEED, () -> {
                    java.util.Collection<String> keys = p.docker.config(first.target(), vars).volumes().values().stream()
                            .filter(v -> !v.external()).map(piko.model.ComposeModel.Resource::key).toList();
                    java.util.Collection<String> filled = seed.fill(first.target().projectName(), name, keys);
                    p.out.done("Filled " + (filled.isEmpty() ? "no volumes" : "volumes " + String.join(", ", filled))
                            + " from " + seed.source());
                }));
            }
            EnvironmentCompose.Prepared prepared = steps.run(CreateStep.START.journalName, undoWhat(env, CreateStep.START),
                    () -> undo(env, CreateStep.START, kept), () -> {
                        Instant started = Instant.now();
                        try {
                            return starting.startReplanningPorts(env, first, p.vars(env));  // compose may read PIKO_*_PORT
                        } catch (PikoException e) {
                            throw failures.explain(e, first.target(), name, vars, true, started);
                        }
                    });
            p.out.done("Started " + prepared.target().projectName() + " (" + (prepared.services().isEmpty() ? "nothing of its own"
                    : String.join(", ", prepared.services())) + ")"
                    + (prepared.shared().isEmpty() ? "" : "; shared: " + String.join(", ", prepared.shared())));

            if (p.ws.config().setupScript() != null) {
                steps.run(step(env, CreateStep.SETUP, () -> p.scripts.run("setup", p.ws.config().setupScript(), path,
                        p.vars(env))));
                p.out.done("Ran setup script");
            }
            steps.requireNotInterrupted("at the end of create");
            p.ws.store().updateEnvironment(name, Environment.READY, prepared.services(), prepared.inputsHash());
            return p.require(name);
        } catch (RuntimeException e) {
            if (steps.anyTaken()) {  // a check that failed before the first step made nothing to undo
                p.out.warn(p.cancellation.signal() != null ? "interrupted (SIG" + p.cancellation.signal() + "); undoing what create made"
                        : "create failed; undoing what it made");
            }
            steps.undo(p.out::warn);
            forget(env);
            throw e;
        }
    }

    /**
     * The files the services read from the repository (NeededFiles), as the root's compose files
     * name them; fails before create makes anything when neither the branch nor the main checkout
     * has one. An unreadable root model (the branch's may differ) leaves the check to compose.
     */
    private java.util.Set<String> neededFiles(String existingBranch) {
        Path root = p.ws.root();
        Map<String, String> needed;
        try {
            needed = NeededFiles.of(p.instances.rootModel(), root);
        } catch (PikoException unreadable) {
            return java.util.Set.of();
        }
        String revision = existingBranch == null ? "HEAD" : existingBranch;
        if (existingBranch == null || p.git.branchExists(root, existingBranch)) {
            List<String> missing = NeededFiles.missing(needed, root, rel -> p.git.hasFile(root, revision, rel));
            if (!missing.isEmpty()) {
                throw new PikoException("the services need " + (missing.size() == 1 ? "a file" : "files")
                        + " that neither " + (existingBranch == null ? "HEAD" : "branch " + existingBranch)
                        + " nor the main checkout has: " + String.join(", ", missing),
                        "put " + (missing.size() == 1 ? "it" : "them") + " in the main checkout (create copies what git"
                                + " does not have, and piko.yaml's copy: names more), or commit " + (missing.size() == 1 ? "it" : "them"));
            }
        }
        return needed.keySet();
    }

    private void checkBranchAndPath(Environment env) {
        Path root = p.ws.root();
        if (env.createdBranch() && p.git.branchExists(root, env.branch())) {
            throw new PikoException("branch '" + env.branch() + "' already exists (destroy keeps an environment's branch)",
                    "to use it: piko create " + env.name() + " --branch " + env.branch() + "; for a new branch, choose another name");
        }
        if (!env.createdBranch() && !p.git.branchExists(root, env.branch())) {
            throw new PikoException("branch '" + env.branch() + "' does not exist", "create it first, or leave out --branch");
        }
        if (Files.exists(env.path())) {
            throw new PikoException(env.path() + " already exists", "move it away, or run: git worktree prune");
        }
    }

    private void addWorktree(Environment env) {
        if (env.createdBranch()) {
            p.git.addWorktreeNewBranch(p.ws.root(), env.path(), env.branch());
        } else {
            p.git.addWorktreeExistingBranch(p.ws.root(), env.path(), env.branch());
        }
    }

    private Steps.Step step(Environment env, CreateStep step, Runnable run) {
        return new Steps.Step(step.journalName, run, undoWhat(env, step), () -> undo(env, step, List.of()));
    }

    private String undoWhat(Environment env, CreateStep step) {
        return switch (step) {
            case WORKTREE -> "remove worktree " + env.path() + (env.createdBranch() ? " and branch " + env.branch() : "");
            case COMPOSE -> "remove containers, network, the volumes it made and built images of " + env.name();
            case LINKS -> "unlink the shared services from " + env.name();
            case SEED, START, SETUP -> "undo " + step.journalName;
        };
    }

    /** What undoing a step did, for the user; null when it has nothing to say. */
    String undone(Environment env, CreateStep step) {
        return switch (step) {
            case WORKTREE -> "Removed worktree " + p.ws.root().relativize(env.path())
                    + (env.createdBranch() && !keptBranches.contains(env.branch()) ? " and branch " + env.branch()
                    : " (branch " + env.branch() + " kept)");
            case COMPOSE -> "Removed containers, network and the volumes it made of " + p.composeProject(env);
            case LINKS -> "Unlinked the shared services from " + env.name();
            case SEED, START, SETUP -> null;
        };
    }

    /**
     * Takes back one step of create; finds nothing to do when the step never got far. The undo of
     * the compose project comes before the worktree's, and the links' before the compose project's
     * (a network with a shared container attached cannot be removed).
     */
    void undo(Environment env, CreateStep step, java.util.Collection<String> keptVolumes) {
        switch (step) {
            case WORKTREE -> {
                if (Files.exists(env.path())) {
                    p.git.removeWorktree(p.ws.root(), env.path());
                    WorktreeCopies.forget(p.ws.root(), env.path());
                } else {
                    p.git.pruneWorktrees(p.ws.root());
                }
                if (env.createdBranch() && p.git.branchExists(p.ws.root(), env.branch())) {
                    deleteBranchWithoutWork(env.branch());
                }
            }
            case COMPOSE -> {
                String project = p.composeProject(env);
                Ownership ownership = p.ws.ownership(p.docker);
                ownership.requireOwn(project, "remove");
                List<String> anonymous = p.docker.anonymousVolumes(project);
                p.docker.composeDown(ComposeTarget.byName(project), false, Duration.ZERO);
                List<String> made = new java.util.ArrayList<>(ownership.ownVolumes(project));
                made.removeAll(keptVolumes);
                made.addAll(anonymous);
                p.docker.removeVolumes(made);
                p.docker.removeImages(p.docker.builtImages(project));
            }
            case LINKS -> p.links.unlink(env.name());
            case SEED, START, SETUP -> {
                // what they made goes with the compose project (its volumes too) and the worktree
            }
        }
    }

    /**
     * git's own rule of `branch -d`, against every branch: a branch create made goes only when each
     * of its commits is on another branch too; else it stays, and piko says why.
     */
    private void deleteBranchWithoutWork(String branch) {
        List<String> own = p.git.commitsOnlyOn(p.ws.root(), branch);
        if (own.isEmpty()) {
            p.git.deleteBranch(p.ws.root(), branch);
            return;
        }
        keptBranches.add(branch);
        p.out.warn("kept branch " + branch + ": " + own.size() + " commit" + (own.size() == 1 ? " is" : "s are")
                + " on no other branch (" + String.join(", ", own.subList(0, Math.min(5, own.size())))
                + (own.size() > 5 ? ", ..." : "") + "); delete it with: git branch -D " + branch);
    }

    private void forget(Environment env) {
        try {
            p.ws.store().deleteEnvironment(env.name());
        } catch (RuntimeException e) {
            p.out.warn("could not forget environment " + env.name() + ": " + e.getMessage());
        }
    }

    private static PikoException exists(String name) {
        return new PikoException("environment '" + name + "' already exists", "remove it first with: piko destroy " + name);
    }
}
