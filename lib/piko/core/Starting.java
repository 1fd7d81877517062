package piko.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import piko.error.PikoException;
import piko.model.ComposeTarget;
import piko.model.Environment;
import piko.model.PortAllocation;

/**
 * Starting environments (up, restart, down), with the override rewritten when its inputs changed,
 * host ports re-planned when Docker finds them taken, and a network removed by hand repaired.
 */
final class Starting {
    private final EnvironmentParts p;
    private final StartFailures failures;

    Starting(EnvironmentParts parts, StartFailures failures) {
        this.p = parts;
        this.failures = failures;
    }

    /**
     * Starts the environment; rewrites the override first when the compose inputs changed or one of
     * its host ports is held by something else (that port is re-planned and the new one shown).
     */
    void up(String name) {
        Environment env = p.requireUsable(name);
        p.docker.requireCompose();
        try {
            upOnce(env);
        } catch (PikoException e) {
            if (!networkGone(e)) {
                throw e;
            }
            repairNetwork(env);
            upOnce(p.require(name));
        }
        p.compose.warnings(env).forEach(p.out::warn);
        p.out.done("Started " + p.compose.target(env).projectName());
        if (p.ws.store().journal().stream().anyMatch(j -> j.command().equals(CommandJournal.DESTROY) && j.subject().equals(name))) {
            CommandJournal.destroy(p.ws.store(), name).end();  // started again: the destroy killed before is abandoned
            p.out.info("A destroy of " + name + " that was interrupted is abandoned: " + name + " runs again");
        }
    }

    void restart(String name, String service) {
        Environment env = p.requireUsable(name);
        p.docker.requireCompose();
        if (service != null && !env.services().contains(service)) {
            throw new PikoException("no service '" + service + "' in environment " + name,
                    "its services: " + String.join(", ", env.services()));
        }
        try {
            p.docker.composeRestart(p.compose.target(env), service == null ? List.of() : List.of(service), p.vars(env));
        } catch (PikoException e) {
            if (!networkGone(e)) {
                throw e;
            }
            repairNetwork(env);
            upOnce(p.require(name));
        }
        p.out.done("Restarted " + (service == null ? "" : service + " in ") + p.compose.target(env).projectName());
    }

    /** Stops the environment's containers; keeps them, their network and volumes. */
    void down(String name) {
        Environment env = p.require(name);
        p.docker.composeStop(ComposeTarget.byName(p.composeProject(env)));
        p.out.done("Stopped " + p.composeProject(env));
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
        p.out.info("The network of " + env.name() + " was removed: recreating its containers (volumes kept)");
        if (!p.consumed(env.name()).isEmpty()) {
            p.links.unlink(env.name());
        }
        p.docker.composeDown(ComposeTarget.byName(p.composeProject(env)), false);
    }

    private void upOnce(Environment env) {
        String name = env.name();
        Map<String, String> vars = p.vars(env);
        p.copyFromMainCheckout(env.path());
        boolean stale = p.compose.stale(env);
        java.util.Optional<String> why = stale ? p.compose.staleNote(env) : java.util.Optional.empty();
        Instant starting = Instant.now();
        try {
            if (stale || !p.compose.busyPorts(env).isEmpty()) {
                List<String> servicesBefore = new java.util.ArrayList<>(env.services());
                servicesBefore.addAll(p.consumed(name));
                List<PortAllocation> portsBefore = p.ws.store().ports(name);
                EnvironmentCompose.Prepared prepared = prepareAndRecord(env, vars, PortConflict.NONE);
                why.ifPresent(p.out::info);
                List<String> servicesAfter = new java.util.ArrayList<>(prepared.services());
                servicesAfter.addAll(prepared.shared());
                ServiceChanges.report(p.out, name, servicesBefore, servicesAfter, portsBefore, prepared.ports());
                startReplanningPorts(env, prepared, p.vars(env));
            } else {
                try {
                    startUnchanged(name, p.compose.target(env), env.services(), Set.copyOf(p.consumed(name)), vars);
                } catch (PikoException e) {
                    PortConflict conflict = p.compose.subnetRefused(e, env) ? PortConflict.NONE : PortConflict.of(e).orElseThrow(() -> e);
                    startReplanningPorts(env, prepareAndRecord(env, vars, conflict), p.vars(env));
                }
            }
        } catch (PikoException e) {
            throw failures.explain(e, p.compose.target(env), name, vars, false, starting);
        }
    }

    /** Rewrites the override (ports re-planned where busy or refused), says which ports moved, and records the result. */
    private EnvironmentCompose.Prepared prepareAndRecord(Environment env, Map<String, String> vars, PortConflict conflict) {
        List<PortAllocation> before = p.ws.store().ports(env.name());
        EnvironmentCompose.Prepared prepared = p.prepare(env, vars, conflict);
        p.ws.store().updateEnvironment(env.name(), Environment.READY, prepared.services(), prepared.inputsHash());
        p.ws.store().addConsumer(env, List.copyOf(prepared.shared()));
        PortConflict.reportMoved(p.out, "", before, prepared.ports());
        return prepared;
    }

    /**
     * Starts the prepared services; when Docker finds a host port taken (see PortConflict), re-plans
     * the environment's ports once, says so, and starts again; when Docker refuses a subnet (its
     * network overlaps one the host's routes did not show), plans the subnets again around Docker's.
     */
    EnvironmentCompose.Prepared startReplanningPorts(Environment env, EnvironmentCompose.Prepared prepared,
                                                     Map<String, String> vars) {
        try {
            start(prepared.target(), prepared.services(), prepared.shared(), vars);
            return prepared;
        } catch (PikoException e) {
            EnvironmentCompose.Prepared replanned = prepared;
            PikoException last = e;
            for (int attempt = 0; attempt < NetworkSubnets.REPLANS && p.compose.subnetRefused(last, env); attempt++) {
                replanned = p.prepare(env, vars, PortConflict.NONE);
                try {
                    start(replanned.target(), replanned.services(), replanned.shared(), vars);
                    return replanned;
                } catch (PikoException again) {
                    last = again;
                }
            }
            if (last != e) {
                throw last;
            }
            PortConflict conflict = PortConflict.of(e).orElseThrow(() -> e);
            List<PortAllocation> before = p.ws.store().ports(env.name());
            EnvironmentCompose.Prepared again = p.prepare(env, vars, conflict);
            if (!PortConflict.reportMoved(p.out, "", before, again.ports())) {
                throw e;
            }
            start(again.target(), again.services(), again.shared(), p.vars(env));
            return again;
        }
    }

    /**
     * start, for an environment whose override did not change: when its networks exist and every
     * shared container is on them already, compose starts it at once (no create-only pass, no relink).
     */
    private void startUnchanged(String env, ComposeTarget target, List<String> services, Set<String> used, Map<String, String> vars) {
        if (!used.isEmpty() && !services.isEmpty()) {
            p.instances.ensureRunning(used);
            if (p.links.inPlace(env, used)) {
                p.docker.composeUp(target, services, vars);
                return;
            }
        }
        start(target, services, used, vars);
    }

    /**
     * Starts an environment's services. With shared services: their instances first, then the
     * environment's networks and containers (created, not started), then the links, then the start,
     * so no service starts before the shared ones are reachable under their names.
     */
    private void start(ComposeTarget target, List<String> services, Set<String> used, Map<String, String> vars) {
        if (!used.isEmpty()) {
            p.instances.ensureRunning(used);
            if (services.isEmpty()) {
                return;  // every service is shared: nothing of its own to start or link
            }
            p.docker.composeUp(target, services, vars, ComposeProjects.Up.CREATE_ONLY);
            p.links.relink(used);
        }
        if (!services.isEmpty()) {
            p.docker.composeUp(target, services, vars);
        }
    }
}
