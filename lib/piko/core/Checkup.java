package piko.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import piko.core.LabelledObjects.Kind;
import piko.model.Container;
import piko.model.Environment;
import piko.model.Labels;
import piko.model.PortAllocation;

/**
 * `piko doctor`: compares the state with what exists (Docker objects through piko's labels, git's
 * worktrees, the shared instances' network links, the host ports) and repairs what differs.
 */
public final class Checkup {

    /**
     * One difference: what it concerns, what is wrong, what --fix does (null action: nothing), and
     * the environment whose lock the repair takes (null: the subject, when it is an environment's name,
     * and the project lock for the shared instances).
     */
    public record Finding(String subject, String problem, String fix, Runnable action, String environment) {
        public Finding(String subject, String problem, String fix, Runnable action) {
            this(subject, problem, fix, action, null);
        }

        /** The environment a repair works on, whose lock it takes (shared: the project lock); null for none. */
        public String lockedEnvironment() {
            if (environment != null) {
                return environment;
            }
            if (subject.equals(Names.SHARED) || subject.startsWith(Names.SHARED + " ")) {
                return Names.SHARED;  // the shared instances, which share, isolate and down --shared change holding the project lock
            }
            return Names.isValidEnvName(subject) ? subject : null;
        }
    }

    private final Workspace ws;
    private final ComposeGateway docker;
    private final Worktrees git;
    private final PortProbe probe;
    private final Environments environments;
    private final Shared shared;

    private final java.util.function.Function<String, ProjectLock> locks;

    public Checkup(Workspace ws, ComposeGateway docker, Worktrees git, PortProbe probe, Environments environments,
                   Shared shared) {
        this(ws, docker, git, probe, environments, shared, env -> new ProjectLock() {
            @Override
            public <T> T holding(java.util.function.Supplier<T> work) {
                return work.get();
            }
        });
    }

    /** locks: each environment's lock, the one its commands hold; a repair takes it, and skips an environment another process holds. */
    public Checkup(Workspace ws, ComposeGateway docker, Worktrees git, PortProbe probe, Environments environments,
                   Shared shared, java.util.function.Function<String, ProjectLock> locks) {
        this.locks = env -> Names.SHARED.equals(env) ? shared.lock() : locks.apply(env);
        this.ws = ws;
        this.docker = docker;
        this.git = git;
        this.probe = probe;
        this.environments = environments;
        this.shared = shared;
    }

    public List<Finding> examine() {
        String project = ws.project().name();
        Ownership ownership = ws.ownership(docker);
        List<Ownership.DockerObject> all = ownership.objects(Labels.PROJECT + "=" + project,
                List.of(Labels.COMPOSE_SERVICE, OverrideFile.PORTS_LABEL));
        List<Finding> findings = new ArrayList<>();
        Set<Ownership.DockerObject> others = new java.util.HashSet<>();
        all.stream().collect(Collectors.groupingBy(o -> o.labels().getOrDefault(Labels.COMPOSE_PROJECT, ""), java.util.TreeMap::new,
                Collectors.toList())).forEach((composeProject, objects) -> {
                    List<Ownership.DockerObject> foreign = ownership.foreign(objects);
                    if (!foreign.isEmpty()) {
                        others.addAll(foreign);
                        findings.add(new Finding(composeProject, ownership.describe(composeProject, foreign)
                                + ", though it carries this project's name", "nothing: piko never touches another checkout's objects", null));
                    }
                });
        List<Map<String, String>> containers = own(all, others, Kind.CONTAINER);
        List<Map<String, String>> networks = own(all, others, Kind.NETWORK);
        List<Map<String, String>> volumes = own(all, others, Kind.VOLUME);
        Map<Path, String> worktrees = git.worktrees(ws.root());
        Map<String, Environment> known = ws.store().environments().stream()
                .collect(Collectors.toMap(Environment::name, e -> e, (a, b) -> a, LinkedHashMap::new));
        Set<String> networkNames = networks.stream().map(n -> n.get("name")).collect(Collectors.toSet());
        Set<String> ownContainers = containers.stream().map(c -> c.get("name")).collect(Collectors.toSet());
        Map<String, List<Container>> live = docker.containersOfProject(project).stream()
                .filter(c -> ownContainers.contains(c.name())).collect(Collectors.groupingBy(Container::pikoEnvironment));

        Set<String> unknown = new TreeSet<>();
        for (List<Map<String, String>> objects : List.of(containers, networks, volumes)) {
            objects.forEach(o -> unknown.add(o.get(Labels.ENVIRONMENT)));
        }
        unknown.remove(Names.SHARED);
        unknown.remove("");
        unknown.removeAll(known.keySet());
        for (String env : unknown) {
            Path path = ws.project().worktreesDir().resolve(env).toAbsolutePath().normalize();
            List<Map<String, String>> own = of(containers, env);
            if (worktrees.containsKey(path) && Files.isDirectory(path)) {
                String branch = worktrees.get(path);
                findings.add(new Finding(env, "in Docker (" + own.size() + " containers) and in its worktree, but not in the state",
                        "take it back with its ports and shared services", () -> new Adoption(ws, docker, shared).adopt(env, branch, path, own)));
                continue;
            }
            int nets = of(networks, env).size();
            if (!own.isEmpty() || nets > 0) {
                String composeProject = Names.composeProject(project, env);
                findings.add(new Finding(env, own.size() + " containers and " + nets + " networks of an environment that"
                        + " is neither in the state nor has a worktree", "remove them",
                        () -> {
                            ownership.requireOwn(composeProject, "remove");
                            docker.composeDown(piko.model.ComposeTarget.byName(composeProject), false);
                        }));
            }
            for (Map<String, String> v : of(volumes, env)) {
                findings.add(new Finding("volume " + v.get("name"), "data of environment " + env + ", which no longer exists",
                        "nothing: piko keeps it, as it may hold data you want (see it with: docker volume inspect " + v.get("name") + ")", null));
            }
        }

        List<ProjectStore.JournalEntry> journal = ws.store().journal();
        EnvironmentRecovery halfway = new EnvironmentRecovery(ws, environments, this::runningOn);
        findings.addAll(halfway.findings(known.values(), journal));
        for (Environment env : known.values()) {
            if (halfway.handled().contains(env.name()) || !Environment.READY.equals(env.phase())) {
                continue;
            }
            String name = env.name();
            Runnable up = () -> environments.up(name);
            if (!Files.isDirectory(env.path())) {
                Path movedTo = worktrees.entrySet().stream().filter(w -> w.getValue().equals(env.branch())
                        && !w.getKey().equals(ws.root()) && Files.isDirectory(w.getKey())).map(Map.Entry::getKey).findFirst().orElse(null);
                if (!env.path().startsWith(ws.project().worktreesDir())) {
                    findings.add(new Finding(name, "its worktree " + env.path() + " is missing, and lies outside the project",
                            "nothing: piko makes nothing outside the project (remove the environment with piko destroy " + name + ")", null));
                } else if (movedTo != null) {
                    findings.add(new Finding(name, "its worktree was moved to " + movedTo + " (git worktree move)",
                            "move it back to " + ws.root().relativize(env.path()), () -> git.moveWorktree(ws.root(), movedTo, env.path())));
                } else if (git.branchExists(ws.root(), env.branch())) {
                    findings.add(new Finding(name, "its worktree " + ws.root().relativize(env.path()) + " is missing",
                            "recreate it from branch " + env.branch(), () -> {
                                git.pruneWorktrees(ws.root());
                                git.addWorktreeExistingBranch(ws.root(), env.path(), env.branch());
                            }));
                } else {
                    findings.add(new Finding(name, "its worktree and its branch " + env.branch() + " are gone",
                            "remove the environment (containers, network, state)", () -> environments.destroy(name, false, true)));
                }
                continue;
            }
            String network = Names.composeProject(project, name);
            if (env.services().isEmpty()) {
                continue;  // every service is shared: nothing of its own
            }
            if (of(containers, name).isEmpty()) {
                findings.add(new Finding(name, "its containers are gone", "recreate and start them (piko up " + name + ")", up));
            } else if (networkNames.stream().noneMatch(n -> ofEnvironment(n, network))) {
                findings.add(new Finding(name, "its network " + network + " is gone", "recreate it (piko up " + name + ")", up));
            } else {
                findings.addAll(services(env, live.getOrDefault(name, List.of()), up));
                for (PortAllocation busy : new EnvironmentCompose(ws, docker, probe).busyPorts(env)) {
                    findings.add(new Finding(name, "host port " + busy.hostPort() + " of " + busy.service() + " ("
                            + busy.target() + "/" + busy.protocol() + ") is held by something else",
                            "give it another port (piko up " + name + ")", up));
                }
            }
        }

        Map<String, String> sharedContainers = shared.instances().containers();
        Map<String, Container> sharedLive = live.getOrDefault(Names.SHARED, List.of()).stream()
                .collect(Collectors.toMap(Container::service, c -> c, (a, b) -> a));
        shared.declaration().consumers().forEach((env, services) -> {
            String network = Names.composeProject(project, env);
            if (!known.containsKey(env) || halfway.handled().contains(env) || networkNames.stream().noneMatch(n -> ofEnvironment(n, network))) {
                return;  // reported above, or nothing of its own to link to
            }
            for (String service : services) {
                String container = sharedContainers.get(service);
                if (container == null) {
                    findings.add(new Finding("shared " + service, "its container is gone, and " + env + " uses it",
                            "start it and link it (piko up " + env + ")", () -> environments.up(env), env));
                } else if (sharedLive.containsKey(service) && !sharedLive.get(service).running()) {
                    findings.add(new Finding("shared " + service, "its container is " + sharedLive.get(service).state()
                            + ", and " + env + " uses it", "start it (piko up " + env + ")", () -> environments.up(env), env));
                } else if (docker.containerNetworks(container).stream().noneMatch(n -> ofEnvironment(n, network))) {
                    findings.add(new Finding("shared " + service, "not linked to " + env + "'s network " + network,
                            "link it", () -> shared.links().relink(List.of(service))));
                }
            }
        });

        findings.addAll(new SharedRecovery(ws, docker, shared).findings(live.getOrDefault(Names.SHARED, List.of()), journal));
        findings.addAll(UnlabelledLeftovers.findings(ws, docker));
        if (sharedContainers.isEmpty() && shared.declaration().consumers().isEmpty() && networkNames.contains(shared.instances().network())) {
            String sharedNetwork = shared.instances().network();
            findings.add(new Finding("shared", "its network " + sharedNetwork + " is left with no shared instance",
                    "remove it", () -> docker.composeDown(piko.model.ComposeTarget.byName(shared.instances().composeProject()), false)));
        }

        if (ws.store().ports(Names.SHARED).isEmpty()) {
            List<PortAllocation> ports = Adoption.portsOf(Names.SHARED, of(containers, Names.SHARED));
            if (!ports.isEmpty()) {
                findings.add(new Finding("shared", "its instances' host ports are not in the state",
                        "take them back", () -> ws.assignPorts(Names.SHARED, (existing, taken) ->
                                ports.stream().filter(p -> !taken.contains(p.hostPort())).toList())));
            }
        }
        return findings;
    }

    /**
     * What list and status show of a ready environment's own services: a container gone, or one not
     * running while the environment runs (one that exited with 0, a one-shot job, only as a note).
     */
    private static List<Finding> services(Environment env, List<Container> containers, Runnable up) {
        String name = env.name();
        List<Finding> out = new ArrayList<>();
        Set<String> present = containers.stream().map(Container::service).collect(Collectors.toSet());
        for (String service : env.services()) {
            if (!present.contains(service)) {
                out.add(new Finding(name, "the container of " + service + " is gone", "recreate it (piko up " + name + ")", up));
            }
        }
        if (containers.stream().noneMatch(Container::running)) {
            return out;  // stopped as a whole (piko down): nothing differs
        }
        for (Container c : containers) {
            if (c.running() || !env.services().contains(c.service())) {
                continue;
            }
            boolean done = c.status().startsWith("Exited (0)");
            out.add(new Finding(name, c.service() + " is " + (c.state().equals("exited") ? c.status().replaceFirst("^Exited (\\(-?\\d+\\)).*", "exited $1")
                    : c.state()) + " while the rest of " + name + " runs",
                    done ? "nothing (a service that finished its work; piko up " + name + " starts it again)"
                            : "start it (piko up " + name + ")", done ? null : up));
        }
        return out;
    }

    /**
     * True for an environment's networks: its default network is named after its compose project,
     * the others `<project>_<key>`; a shared service is linked only to those it declares.
     */
    static boolean ofEnvironment(String network, String composeProject) {
        return network.equals(composeProject) || network.startsWith(composeProject + "_");
    }

    /** What holds an environment's lock now in another process ("piko create x, process 12"), else null. */
    private String runningOn(String env) {
        ProjectLock lock = locks.apply(env);
        return lock.heldElsewhere() ? (lock.holder().isEmpty() ? "another piko process" : lock.holder()) : null;
    }

    /** Runs every finding's repair once, each holding the lock of the environment it works on (see Repairs). */
    public Repairs fix(List<Finding> findings) {
        return Repairs.run(findings, locks);
    }

    /** This checkout's objects of a kind, as their labels. */
    private static List<Map<String, String>> own(List<Ownership.DockerObject> all, Set<Ownership.DockerObject> others, Kind kind) {
        return all.stream().filter(o -> o.kind() == kind && !others.contains(o)).map(Ownership.DockerObject::labels).toList();
    }

    private static List<Map<String, String>> of(List<Map<String, String>> objects, String env) {
        return objects.stream().filter(o -> env.equals(o.get(Labels.ENVIRONMENT))).toList();
    }
}
