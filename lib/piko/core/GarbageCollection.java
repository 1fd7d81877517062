package piko.core;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import piko.error.PikoException;
import piko.model.Container;
import piko.model.Environment;

/**
 * `piko gc`: the environments that are safe to remove, and why: their branch is merged into the
 * default branch with work of its own, nobody started them for longer than --idle, or their
 * worktree is gone. One with uncommitted changes is listed as kept and never removed.
 */
public final class GarbageCollection {
    /** A listed environment: why it may go, and why it stays all the same (null: it may go). */
    public record Candidate(Environment env, List<String> reasons, String kept) {
        public boolean removable() {
            return kept == null;
        }
    }

    private final Workspace ws;
    private final ContainerInventory docker;
    private final Worktrees git;
    private final BranchHistory history;

    public GarbageCollection(Workspace ws, ContainerInventory docker, Worktrees git, BranchHistory history) {
        this.ws = ws;
        this.docker = docker;
        this.git = git;
        this.history = history;
    }

    /** The environments gc lists (idle null: no idle rule); one whose create has not finished is never one. */
    public List<Candidate> find(Duration idle, Instant now) {
        List<Environment> envs = ws.store().environments().stream().filter(e -> Environment.READY.equals(e.phase())).toList();
        Optional<String> main = envs.isEmpty() ? Optional.empty() : history.defaultBranch(ws.root());
        Set<String> running = new HashSet<>();
        Map<String, Instant> lastStart = idle == null || envs.isEmpty() ? Map.of() : lastStarts(running);
        List<Candidate> out = new ArrayList<>();
        for (Environment env : envs) {
            List<String> reasons = new ArrayList<>();
            boolean present = Files.isDirectory(env.path());
            if (!present) {
                reasons.add("worktree gone");
            }
            if (main.isPresent() && !env.branch().equals(main.get())
                    && history.mergedWithOwnCommits(ws.root(), env.branch(), main.get())) {
                reasons.add("branch " + env.branch() + " merged into " + main.get());
            }
            if (idle != null && !running.contains(env.name())) {
                Instant last = lastStart.getOrDefault(env.name(), created(env, now));
                if (last.isBefore(now.minus(idle))) {
                    reasons.add("not started for " + Durations.describe(Duration.between(last, now)));
                }
            }
            if (reasons.isEmpty()) {
                continue;
            }
            String kept = null;
            if (present) {
                List<String> ignored = new ArrayList<>(WorktreeCopies.wanted(ws.root(), ws.composeFiles(ws.root()), ws.config().copy()));
                ignored.add(OverrideFile.NAME);
                int changes = git.changes(env.path(), ignored).size();
                if (changes > 0) {
                    kept = "uncommitted changes (" + changes + ")";
                }
            }
            out.add(new Candidate(env, List.copyOf(reasons), kept));
        }
        return out;
    }

    /**
     * Destroys the removable candidates (branches kept, volumes only when asked), one line each;
     * destroy checks the worktree again, so work saved meanwhile is not lost. Returns those it could not remove.
     */
    public List<String> remove(List<Candidate> candidates, boolean volumes, Function<Reporter, Environments> environments,
                               Reporter out) {
        List<String> failed = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.removable()) continue;
            String name = c.env().name();
            try {
                environments.apply(Fleet.prefixed(out, name)).destroy(name, volumes, false);
                out.done("Removed " + name + " (" + String.join("; ", c.reasons()) + ")");
            } catch (PikoException e) {
                if (e.exitCode() == 130 || e.exitCode() == 143) throw e;
                out.warn(name + ": not removed: " + e.getMessage().strip().lines().findFirst().orElse(""));
                failed.add(name);
            }
        }
        return failed;
    }

    /** The last start of each environment's containers (one docker ps, one docker inspect); fills the running ones in. */
    private Map<String, Instant> lastStarts(Set<String> running) {
        List<Container> containers = docker.containersOfProject(ws.project().name());
        containers.stream().filter(Container::running).forEach(c -> running.add(c.pikoEnvironment()));
        if (containers.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> started = docker.startTimes(containers.stream().map(Container::name).toList());
        Map<String, Instant> out = new HashMap<>();
        for (Container c : containers) {
            Instant t = started.get(c.name());
            if (t != null && t.isAfter(Instant.EPOCH)) {
                out.merge(c.pikoEnvironment(), t, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return out;
    }

    private static Instant created(Environment env, Instant now) {
        try {
            return Instant.parse(env.createdAt());
        } catch (RuntimeException unreadable) {
            return now;  // no date to go by: never idle
        }
    }
}
