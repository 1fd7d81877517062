package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import piko.error.PikoException;
import piko.model.ComposeTarget;
import piko.model.Environment;

/** destroy: destroy script, containers (and volumes when asked), built images, worktree, state; the branch is kept. */
final class Removing {
    private final EnvironmentParts p;
    private final Creating creating;

    Removing(EnvironmentParts parts, Creating creating) {
        this.p = parts;
        this.creating = creating;
    }

    void destroy(String name, boolean volumes, boolean force) {
        Environment env = p.require(name);
        p.ws.ownership(p.docker).requireOwn(p.composeProject(env), "remove");
        if (Environment.CREATING.equals(env.phase())) {
            destroyUnfinished(env);
            return;
        }
        Path path = env.path();
        boolean worktreePresent = Files.isDirectory(path);
        if (worktreePresent && !force) {
            refuseUncommitted(env);
        }
        if (worktreePresent && p.ws.config().destroyScript() != null) {
            try {
                p.scripts.run("destroy", p.ws.config().destroyScript(), path, p.vars(env));
                p.out.done("Ran destroy script");
            } catch (PikoException e) {
                p.out.warn(e.getMessage() + " (continuing)");
            }
        }
        String project = p.composeProject(env);
        List<String> used = p.consumed(name);
        if (!used.isEmpty()) {
            p.links.unlink(name);
        }
        p.docker.composeDown(ComposeTarget.byName(project), volumes);
        p.out.done("Removed containers and network of " + project + (volumes ? ", and its volumes" : ""));
        List<String> built = p.docker.builtImages(project);
        if (p.docker.removeImages(built)) {
            if (!built.isEmpty()) p.out.done("Removed the images compose built for it: " + String.join(", ", built));
        } else {
            p.out.warn("could not remove the images compose built for " + name + ": " + String.join(", ", built));
        }
        if (worktreePresent) {
            p.git.removeWorktree(p.ws.root(), path);
            WorktreeCopies.forget(p.ws.root(), path);
            p.out.done("Removed worktree " + p.ws.root().relativize(path) + " (branch " + env.branch() + " kept)");
        } else {
            p.git.pruneWorktrees(p.ws.root());
        }
        p.ws.store().deleteEnvironment(name);
        p.instances.stopUnused(used);
        p.out.done("Destroyed " + name);
    }

    private void refuseUncommitted(Environment env) {
        List<String> ignored = new ArrayList<>(WorktreeCopies.unchangedCopies(p.ws.root(), env.path()));
        ignored.add(OverrideFile.NAME);
        List<String> changes = new ArrayList<>(p.git.changes(env.path(), ignored));
        List<String> listed = changes.stream().map(l -> l.length() > 3 ? l.substring(3) : l).toList();
        WorktreeCopies.changedCopies(p.ws.root(), env.path()).stream().filter(c -> !listed.contains(c))
                .forEach(c -> changes.add("copied, changed since: " + c));
        if (!changes.isEmpty()) {
            throw new PikoException("the worktree of " + env.name() + " has uncommitted changes ("
                    + changes.size() + "): " + String.join("; ", changes.subList(0, Math.min(5, changes.size()))),
                    "commit or stash them, or pass --force to discard them");
        }
    }

    /**
     * An environment whose create never finished (the process was killed): undoes the steps that
     * create recorded, newest first, so that volumes and the branch it made go too. A failing undo
     * fails destroy and keeps the environment, so that destroy can be run again.
     */
    private void destroyUnfinished(Environment env) {
        List<String> used = p.consumed(env.name());
        List<String> taken = new ArrayList<>(p.ws.store().createSteps(env.name()));
        List<String> kept = Creating.keptVolumes(taken);
        Collections.reverse(taken);
        for (String journalName : taken) {
            CreateStep step = CreateStep.named(journalName);
            if (step == null) {
                continue;  // a step of another piko's create: nothing this one knows how to take back
            }
            creating.undo(env, step, kept);
            String said = creating.undone(env, step);
            if (said != null) {
                p.out.done(said);
            }
        }
        p.ws.store().deleteEnvironment(env.name());
        p.instances.stopUnused(used);
        p.out.done("Destroyed " + env.name() + " (its create had not finished)");
    }
}
