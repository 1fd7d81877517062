package piko.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import piko.model.PortAllocation;
import piko.model.Route;

/**
 * Keeps the machine's router in step with the lifecycle: a started environment's hostnames reach
 * its services, a stopped or destroyed one's answer with piko's page naming it, never with
 * another environment's content. A failed update is a warning: the command itself succeeded.
 */
public final class Routing {
    static final int STOPPED = 503;
    static final int GONE = 404;
    private final Workspace ws;
    private final RouteTable table;
    private final Reporter out;

    public Routing(Workspace ws, RouteTable table, Reporter out) {
        this.ws = ws;
        this.table = table;
        this.out = out;
    }

    /** After create, up and restart: the environment's hostnames reach its services (and the shared ones it uses). */
    public void started(String env) {
        guarded(() -> {
            warnUnpublished(env);
            table.replace(project(), env, serving(env));
            if (!ws.store().consumers().getOrDefault(env, List.of()).isEmpty()) {
                table.replace(project(), Names.SHARED, sharedServing());
            }
        });
    }

    /** After down: its hostnames say it is stopped, and how to start it. */
    public void stopped(String env) {
        guarded(() -> table.replace(project(), env, Routes.pages(serving(env), STOPPED,
                "environment " + env + " of " + project() + " is stopped; run: piko up " + env + "\n")));
    }

    /** After destroy: its hostnames say it was destroyed (its ports are gone from the state, its routes are not). */
    public void removed(String env) {
        guarded(() -> table.replace(project(), env, Routes.pages(table.routes(project(), env), GONE,
                "environment " + env + " of " + project() + " was destroyed; make it again with: piko create " + env + "\n")));
    }

    /** After share and isolate: every shared instance's hostname; one no longer shared says so. */
    public void shared() {
        guarded(() -> table.replace(project(), Names.SHARED, sharedServing()));
    }

    /** After down --shared: the shared hostnames say the instances are stopped. */
    public void sharedStopped() {
        guarded(() -> table.replace(project(), Names.SHARED, Routes.pages(table.routes(project(), Names.SHARED), STOPPED,
                "the shared services of " + project() + " are stopped; run piko up <env> (or piko share <service>)\n")));
    }

    /** The URL of each service of an environment with a hostname, when the router runs (none otherwise). */
    public Map<String, String> urls(String env) {
        int port = table.httpPort();
        return port == 0 ? Map.of() : Routes.urls(project(), portsUsedBy(env), ws.config().hostnames(), port);
    }

    /** PIKO_<SERVICE>_URL -> URL, each named as its PIKO_<SERVICE>_PORT (numbered alike where names collide). */
    public Map<String, String> urlVariables(String env) {
        int port = table.httpPort();
        if (port == 0) {
            return Map.of();
        }
        List<PortAllocation> ports = portsUsedBy(env);
        Map<String, String> names = EnvVars.portVariables(ports.stream().map(PortAllocation::service).collect(
                java.util.stream.Collectors.toSet()));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Routes.urls(project(), ports, ws.config().hostnames(), port).forEach((service, url) -> {
            String var = names.get(service);
            out.put(var.substring(0, var.length() - "_PORT".length()) + "_URL", url);
        });
        return out;
    }

    /** The http port while the router runs, else 0. */
    public int httpPort() {
        return table.httpPort();
    }

    private List<Route> serving(String env) {
        return Routes.serving(project(), env, ws.store().ports(env), ws.config().hostnames());
    }

    private List<Route> sharedServing() {
        Set<String> live = new TreeSet<>(ws.store().sharedServices());
        ws.store().consumers().values().forEach(live::addAll);
        List<PortAllocation> ports = ws.store().ports(Names.SHARED).stream().filter(p -> live.contains(p.service())).toList();
        List<Route> routes = new ArrayList<>(Routes.serving(project(), Names.SHARED, ports, ws.config().hostnames()));
        for (Route old : table.routes(project(), Names.SHARED)) {
            if (routes.stream().noneMatch(r -> r.host().equals(old.host()))) {
                routes.add(Route.page(old.host(), GONE, "this service of " + project() + " is no longer shared\n"));
            }
        }
        return routes;
    }

    /** Its own ports and those of the shared instances it uses. */
    private List<PortAllocation> portsUsedBy(String env) {
        List<PortAllocation> ports = new ArrayList<>(ws.store().ports(env));
        List<String> used = ws.store().consumers().getOrDefault(env, List.of());
        ws.store().ports(Names.SHARED).stream().filter(p -> used.contains(p.service())).forEach(ports::add);
        return ports;
    }

    private void warnUnpublished(String env) {
        List<PortAllocation> ports = ws.store().ports(env);
        ws.config().hostnames().forEach((service, target) -> {
            boolean has = ports.stream().anyMatch(p -> p.service().equals(service));
            boolean publishes = ports.stream().anyMatch(p -> p.service().equals(service) && p.target() == target
                    && p.protocol().equals("tcp"));
            if (has && !publishes) {
                out.warn("piko.yaml: hostnames." + service + " names port " + target + ", which " + service
                        + " does not publish over tcp; its hostname reaches its lowest published tcp port instead");
            }
        });
    }

    private String project() {
        return ws.project().name();
    }

    private void guarded(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            out.warn("the router's hostnames were not updated: " + e.getMessage() + " (see: piko router status)");
        }
    }
}
