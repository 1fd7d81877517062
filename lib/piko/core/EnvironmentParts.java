package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import piko.error.PikoException;
import piko.model.Environment;
import piko.model.PortAllocation;

/** What the environment flows (Creating, Starting, Removing) work with, and the look-ups they share. */
final class EnvironmentParts {
    final Workspace ws;
    final ComposeGateway docker;
    final Worktrees git;
    final Scripts scripts;
    final Reporter out;
    final EnvironmentCompose compose;
    final SharedDeclaration declaration;
    final SharedInstances instances;
    final SharedLinks links;
    final Cancellation cancellation;

    EnvironmentParts(Workspace ws, ComposeGateway docker, Worktrees git, Scripts scripts, PortProbe probe,
                     Shared shared, Cancellation cancellation, Reporter out) {
        this.ws = ws;
        this.docker = docker;
        this.git = git;
        this.scripts = scripts;
        this.out = out;
        this.compose = new EnvironmentCompose(ws, docker, probe);
        this.declaration = shared.declaration();
        this.instances = shared.instances();
        this.links = shared.links();
        this.cancellation = cancellation;
    }

    Environment require(String name) {
        return ws.store().environment(name).orElseThrow(() -> new PikoException(
                "no environment named '" + name + "'", "see the environments with: piko list"));
    }

    /** An environment that was created completely and whose worktree is there. */
    Environment requireUsable(String name) {
        Environment env = require(name);
        if (!Environment.READY.equals(env.phase())) {
            throw new PikoException("environment " + name + " was not created completely",
                    "remove it with: piko destroy " + name + " (it refuses while the worktree holds uncommitted work,"
                            + " keeps a branch with commits of its own, and keeps the volumes unless --volumes)");
        }
        if (!Files.isDirectory(env.path())) {
            throw new PikoException("the worktree of " + name + " is missing (" + env.path() + ")",
                    "remove the environment with: piko destroy " + name);
        }
        return env;
    }

    /** The environment's variables (PIKO_*), with the ports it holds now. */
    Map<String, String> vars(Environment env) {
        return EnvVars.of(ws.project(), env, portsOf(env));
    }

    /** The environment's own ports, and those of the shared instances it uses. */
    List<PortAllocation> portsOf(Environment env) {
        List<PortAllocation> ports = new ArrayList<>(ws.store().ports(env.name()));
        List<String> used = consumed(env.name());
        ws.store().ports(Names.SHARED).stream().filter(p -> used.contains(p.service())).forEach(ports::add);
        return ports;
    }

    List<String> consumed(String name) {
        return declaration.consumers().getOrDefault(name, List.of());
    }

    /** Services this environment may take from shared instances: those marked shared, and those it already uses. */
    Set<String> sharedCandidates(Environment env) {
        Set<String> candidates = new TreeSet<>(declaration.declared());
        candidates.addAll(consumed(env.name()));
        return candidates;
    }

    /** The untracked files the worktree needs (env files, piko.yaml's copy list); never overwrites. */
    void copyFromMainCheckout(Path worktree) {
        copyFromMainCheckout(worktree, List.of());
    }

    /** needed: more files the services read (see NeededFiles), relative to the root. */
    void copyFromMainCheckout(Path worktree, java.util.Collection<String> needed) {
        List<String> patterns = new java.util.ArrayList<>(ws.config().copy());
        needed.stream().filter(rel -> !patterns.contains(rel)).forEach(patterns::add);
        List<String> copied = WorktreeCopies.copyMissing(ws.root(), worktree, ws.composeFiles(ws.root()), patterns, out::warn);
        if (!copied.isEmpty()) {
            out.done("Copied from the main checkout: " + String.join(", ", copied));
        }
    }

    EnvironmentCompose.Prepared prepare(Environment env, Map<String, String> vars, PortConflict conflict) {
        EnvironmentCompose.Prepared prepared = compose.prepare(env, sharedCandidates(env), vars, conflict);
        for (String s : prepared.sharedButUnknown()) {
            out.warn("piko.yaml shares " + s + ", which is not a service of " + ws.composeFile() + " in " + env.name());
        }
        return prepared;
    }

    String composeProject(Environment env) {
        return Names.composeProject(ws.project().name(), env.name());
    }
}
