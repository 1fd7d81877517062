package piko.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import piko.error.PikoException;
import piko.model.ComposeModel;
import piko.model.ComposeTarget;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.text.TextFile;

/** The compose side of one environment: reading the user's file, planning ports, writing the override. */
public final class EnvironmentCompose {
    /** Bump when OverrideFile's output changes, so that `piko up` rewrites older overrides. */
    private static final String OVERRIDE_FORMAT = "5";

    /**
     * What `up` needs: the target with both files, the services to start here, the services used
     * from their shared instances, the environment's own ports, and the inputs' fingerprint.
     */
    public record Prepared(ComposeTarget target, List<String> services, Set<String> shared, List<PortAllocation> ports,
                           String inputsHash, Set<String> sharedButUnknown, List<String> warnings) {
    }

    private final Workspace ws;
    private final ComposeProjects compose;
    private final ContainerInventory containers;
    private final PortProbe probe;
    private final NetworkSubnets subnets;

    public <D extends ComposeProjects & ContainerInventory & AddressSpace> EnvironmentCompose(Workspace ws, D docker,
                                                                                             PortProbe probe) {
        this.ws = ws;
        this.compose = docker;
        this.containers = docker;
        this.probe = probe;
        this.subnets = new NetworkSubnets(ws, docker);
    }

    /** Whether a failed start is Docker refusing a subnet piko planned; the next prepare then avoids Docker's. */
    public boolean subnetRefused(PikoException e, Environment env) {
        return subnets.refused(e, Names.composeProject(ws.project().name(), env.name()));
    }

    /** The files compose loads in the worktree, as `docker compose` run there would. */
    public ComposeFiles composeFiles(Environment env) {
        return ws.composeFiles(env.path());
    }

    /** The override keeps what create warned of as comments, so that up says it again without asking compose. */
    private static final String WARNING = "# warning: ";

    /** What the environment's compose file makes it share (see Unisolated), as of its override's last writing. */
    public List<String> warnings(Environment env) {
        try {
            return Files.readAllLines(overrideFile(env)).stream().filter(l -> l.startsWith(WARNING))
                    .map(l -> l.substring(WARNING.length())).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    public Path overrideFile(Environment env) {
        return env.path().resolve(OverrideFile.NAME);
    }

    /** The project with the user's files and piko's override, run from the worktree. */
    public ComposeTarget target(Environment env) {
        return target(env, composeFiles(env));
    }

    private ComposeTarget target(Environment env, ComposeFiles files) {
        List<Path> all = new java.util.ArrayList<>(files.files());
        all.add(overrideFile(env));
        return new ComposeTarget(Names.composeProject(ws.project().name(), env.name()), files.projectDirectory(), all);
    }

    /** True when a file compose reads (see ComposeInputs) or piko.yaml changed since the override was written. */
    public boolean stale(Environment env) {
        return !Files.isRegularFile(overrideFile(env)) || !inputsHash(env).equals(env.composeHash());
    }

    /**
     * Why up rewrites a stale override, in words; empty when the state has no fingerprint to compare
     * (an environment doctor took back after the state was lost): nothing is known to have changed.
     */
    public java.util.Optional<String> staleNote(Environment env) {
        if (!Files.isRegularFile(overrideFile(env))) {
            return java.util.Optional.of(OverrideFile.NAME + " was missing: wrote it again");
        }
        return env.composeHash() == null || env.composeHash().isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("Compose inputs changed: regenerated " + OverrideFile.NAME);
    }

    /**
     * Reads the user's compose file through compose, assigns host ports and writes the override.
     * sharedCandidates: services that may come from a shared instance; those the environment
     * already runs itself stay its own until it is recreated. The ports Docker refused (conflict)
     * are planned anew.
     */
    Prepared prepare(Environment env, Set<String> sharedCandidates, Map<String, String> vars, PortConflict conflict) {
        ComposeFiles files = composeFiles(env).requireExisting("branch " + env.branch(),
                "commit them on that branch (worktrees only see committed files), or list them in piko.yaml's copy:");
        String composeProject = Names.composeProject(ws.project().name(), env.name());
        ComposeTarget userOnly = new ComposeTarget(composeProject, files.projectDirectory(), files.files());
        ComposeModel model = compose.config(userOnly, vars);
        Set<String> shared = new java.util.TreeSet<>(sharedCandidates);
        shared.retainAll(model.services().keySet());
        Set<String> unknown = new java.util.TreeSet<>(sharedCandidates);
        unknown.removeAll(model.services().keySet());
        shared.removeAll(env.services());
        List<String> keptOwn = new java.util.ArrayList<>();
        for (String s : List.copyOf(shared)) {
            List<String> tied = model.tiedTo(s, shared);
            if (!tied.isEmpty()) {
                shared.remove(s);
                keptOwn.add(s + " is shared in piko.yaml but runs in this environment: " + String.join("; ", tied)
                        + (tied.size() == 1 ? " needs" : " need") + " its container in the same compose project");
            }
        }
        List<String> active = model.activeServices(files.profiles());
        List<String> services = active.stream().filter(s -> !shared.contains(s)).toList();
        PortPlan plan = new PortPlan(ws.config().portBase(), ws.config().portBlock(), env.slot());
        OwnPorts own = new OwnPorts(composeProject);
        List<PortAllocation> ports = ws.assignPorts(env.name(), (existing, taken) ->
                plan.allocate(env.name(), model.portRequests(services), existing, taken, conflict.free(probe),
                        conflict.keep(probe, port -> own.get().contains(port))));
        Set<String> rendered = new java.util.TreeSet<>(services);
        rendered.addAll(shared);
        Set<String> isolated = Set.copyOf(ws.config().isolate());
        List<String> warnings = new java.util.ArrayList<>(keptOwn);
        warnings.addAll(Unisolated.warnings(model.only(services), env.path(), isolated));
        warnings.addAll(localhostPorts(env, model.only(services), userOnly, vars, ports));
        ComposeModel renderedModel = model.only(rendered);
        String text = OverrideFile.render(renderedModel, ws.project(), env.name(), ports, shared,
                subnets.assign(env.name(), renderedModel.isolating(isolated), shared), isolated);
        TextFile.write(overrideFile(env), text + warnings.stream().map(w -> WARNING + w + "\n").collect(Collectors.joining()));
        return new Prepared(target(env, files), services, shared, ports, inputsHash(env), unknown, warnings);
    }

    /**
     * Values naming a published port on localhost (see LocalhostPorts). The model was read before
     * the ports were planned, so a value that names them through ${PIKO_<SERVICE>_PORT:-...} read
     * as its default: such candidates are read again with the planned ports before one is named.
     */
    private List<String> localhostPorts(Environment env, ComposeModel model, ComposeTarget userOnly, Map<String, String> vars,
                                        List<PortAllocation> ports) {
        Map<String, String> withPorts = new java.util.HashMap<>(vars);
        withPorts.putAll(EnvVars.of(ws.project(), env, ports));
        List<String> found = LocalhostPorts.warnings(model, ports, withPorts);
        if (found.isEmpty()) {
            return found;
        }
        return LocalhostPorts.warnings(compose.config(userOnly, withPorts).only(model.services().keySet()), ports, withPorts);
    }

    /**
     * The environment's ports that something else holds now: not bindable, and not published by
     * the environment's own running containers. `up` re-plans them.
     */
    public List<PortAllocation> busyPorts(Environment env) {
        List<PortAllocation> notFree = ws.store().ports(env.name()).stream()
                .filter(a -> !probe.isFree(a.hostPort())).toList();
        if (notFree.isEmpty()) {
            return notFree;
        }
        java.util.Set<Integer> own = containers.publishedPorts(Names.composeProject(ws.project().name(), env.name()));
        return notFree.stream().filter(a -> !own.contains(a.hostPort())).toList();
    }

    /** The host ports the environment's own containers publish, asked of Docker once and only if needed. */
    private final class OwnPorts {
        private final String composeProject;
        private java.util.Set<Integer> ports;

        OwnPorts(String composeProject) {
            this.composeProject = composeProject;
        }

        java.util.Set<Integer> get() {
            if (ports == null) {
                ports = containers.publishedPorts(composeProject);
            }
            return ports;
        }
    }

    /** A fingerprint of everything the override is derived from that can change without piko knowing. */
    public String inputsHash(Environment env) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(OVERRIDE_FORMAT.getBytes(StandardCharsets.UTF_8));
            ComposeFiles files = composeFiles(env);
            sha.update((files.files() + " " + files.settings()).getBytes(StandardCharsets.UTF_8));
            List<Path> inputs = new java.util.ArrayList<>(ComposeInputs.of(files).all());
            inputs.add(ws.config().file());
            for (Path p : inputs) {
                sha.update(p.toString().getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(p)) {
                    sha.update(Files.readAllBytes(p));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new PikoException("cannot read the compose inputs of " + env.name() + ": " + e.getMessage());
        }
    }
}
