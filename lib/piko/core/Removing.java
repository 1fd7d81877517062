package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import piko.error.PikoException;
import piko.model.ComposeTarget;
import piko.model.Environment;

/**
 * destroy: destroy script, containers (and volumes when asked), built images, worktree, state; the
 * branch is kept. Nothing of the user's goes without --force: see UnsavedWork.
 */
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
        Path path = env.path();
        boolean worktreePresent = Files.isDirectory(path);
        if (worktreePresent) {
            checkUnsaved(env, force);
        }
        if (Environment.CREATING.equals(env.phase())) {
            destroyUnfinished(env, volumes);
            return;
        }
        boolean scriptRan = p.ws.store().journal().stream().anyMatch(j -> j.command().equals(CommandJournal.DESTROY)
                && j.subject().equals(name) && j.steps().contains(CommandJournal.SCRIPT));
        CommandJournal journal = CommandJournal.destroy(p.ws.store(), name);
        journal.step(CommandJournal.ASKED + (volumes ? " --volumes" : ""));
        if (scriptRan) {
            p.out.info("The destroy script is not run again (the destroy killed before had begun it)");
        } else if (worktreePresent && p.ws.config().destroyScript() != null) {
            journal.step(CommandJournal.SCRIPT);
            try {
                p.scripts.run("destroy", p.ws.config().destroyScript(), path, p.vars(env));
                p.out.done("Ran destroy script");
            } catch (PikoException e) {
                p.out.warn(e.getMessage() + " (continuing)");
            }
        }
        String project = p.composeProject(env);
        List<String> used = p.consumed(name);
        journal.step(CommandJournal.DOWN);
        if (!used.isEmpty()) {
            p.links.unlink(name);
        }
        List<String> anonymous = volumes ? List.of() : p.docker.anonymousVolumes(project);  // down --volumes takes them
        warnOfRunningCommands(name, project);
        downDetachingLateLinks(name, project, volumes);
        removeAnonymous(anonymous);
        p.out.done("Removed containers and network of " + project + (volumes ? ", and its volumes" : ""));
        List<String> built = p.docker.builtImages(project);
        if (p.docker.removeImages(built)) {
            if (!built.isEmpty()) p.out.done("Removed the images compose built for it: " + String.join(", ", built));
        } else {
            p.out.warn("could not remove the images compose built for " + name + ": " + String.join(", ", built));
        }
        journal.step(CommandJournal.WORKTREE);
        if (worktreePresent) {
            p.git.removeWorktree(p.ws.root(), path);
            WorktreeCopies.forget(p.ws.root(), path);
            p.out.done("Removed worktree " + p.ws.root().relativize(path) + " (branch " + env.branch() + " kept)");
        } else {
            p.git.pruneWorktrees(p.ws.root());
        }
        p.ws.store().deleteEnvironment(name);  // and the journal, at once
        p.instances.stopUnused(used);
        p.out.done("Destroyed " + name);
    }

    /** A piko exec (or docker exec) in the environment ends with its container: whoever runs destroy hears of it. */
    private void warnOfRunningCommands(String name, String project) {
        java.util.Map<String, Integer> running;
        try {
            running = p.docker.runningCommands(project);
        } catch (PikoException unreadable) {
            return;  // a warning is not worth failing destroy for
        }
        int n = running.values().stream().mapToInt(Integer::intValue).sum();
        if (n > 0) {
            p.out.warn("ending " + n + (n == 1 ? " command" : " commands") + " running in " + name + " (piko exec or docker exec in "
                    + String.join(", ", running.keySet()) + "): " + (n == 1 ? "it ends" : "they end") + " with "
                    + (n == 1 ? "its container" : "their containers"));
        }
    }

    /**
     * The anonymous volumes the containers had: they hold no data anyone can name again (a new
     * container gets new ones), and without a label nothing would find them later.
     */
    private void removeAnonymous(List<String> anonymous) {
        try {
            p.docker.removeVolumes(anonymous);
        } catch (PikoException e) {
            p.out.warn("could not remove the anonymous volumes of its containers: " + e.getMessage());
        }
    }

    /**
     * Without --force, refuses while the worktree holds work of the user's, listing it; with
     * --force, lists what goes.
     */
    private void checkUnsaved(Environment env, boolean force) {
        List<String> work = UnsavedWork.in(p.git, p.ws.root(), env.path());
        if (work.isEmpty()) {
            return;
        }
        if (!force) {
            throw new PikoException("the worktree of " + env.name() + " has uncommitted changes (" + work.size() + "): "
                    + UnsavedWork.list(work, env.path()), "commit or stash them, or pass --force to discard them");
        }
        p.out.warn("--force: discarding the uncommitted changes in " + env.path() + " (" + work.size() + "): "
                + UnsavedWork.list(work, env.path()));
    }

    /**
     * Compose down; when a network of the environment is still there because a shared instance is
     * on it (linked after this destroy detached them, by a command running beside it, or by hand;
     * compose then says "Resource is still in use" and exits 0, or fails with "has active
     * endpoints"), detaches every shared instance from the environment's networks as they are now
     * and downs once more. Any other container on them is not piko's to remove: destroy fails,
     * naming the networks.
     */
    private void downDetachingLateLinks(String name, String project, boolean volumes) {
        try {
            p.docker.composeDown(ComposeTarget.byName(project), volumes);
        } catch (PikoException e) {
            if (!String.valueOf(e.getMessage()).contains("has active endpoints")) {
                throw e;
            }
        }
        if (networksLeft(project).isEmpty()) {
            return;
        }
        p.links.unlink(name);
        p.docker.composeDown(ComposeTarget.byName(project), volumes);
        java.util.Set<String> left = networksLeft(project);
        if (!left.isEmpty()) {
            throw new PikoException("the networks of " + name + " are still in use by containers piko did not make: "
                    + String.join(", ", left), "see which: docker network inspect " + String.join(" ", left)
                    + "; disconnect them, then run piko destroy " + name + " again");
        }
    }

    private java.util.Set<String> networksLeft(String project) {
        return p.docker.networksWithLabel(piko.model.Labels.COMPOSE_PROJECT + "=" + project, piko.model.Labels.COMPOSE_PROJECT).keySet();
    }

    /**
     * An environment whose create never finished (the process was killed): undoes the steps that
     * create recorded, newest first. As for any environment, its volumes go only with --volumes,
     * and the branch it made only when no commit of it is on no other branch (work may have been
     * done in it since). A failing undo fails destroy and keeps the environment, so that destroy
     * can be run again.
     */
    private void destroyUnfinished(Environment env, boolean volumes) {
        List<String> used = p.consumed(env.name());
        List<String> taken = new ArrayList<>(p.ws.store().createSteps(env.name()));
        List<String> kept = CreateGuards.keptVolumes(taken);
        Collections.reverse(taken);
        for (String journalName : taken) {
            CreateStep step = CreateStep.named(journalName);
            if (step == null) {
                continue;  // a step of another piko's create: nothing this one knows how to take back
            }
            if (step == CreateStep.COMPOSE) {
                String project = p.composeProject(env);
                List<String> anonymous = p.docker.anonymousVolumes(project);
                p.docker.composeDown(ComposeTarget.byName(project), false, java.time.Duration.ZERO);
                removeAnonymous(anonymous);
                if (volumes) {
                    p.docker.removeVolumes(p.ws.ownership(p.docker).ownVolumes(project));  // its own only, proven by identity
                }
                p.docker.removeImages(p.docker.builtImages(project));
                p.out.done("Removed containers and network of " + project + (volumes ? ", and its volumes" : ""));
                continue;
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
