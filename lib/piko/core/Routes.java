package piko.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import piko.model.PortAllocation;
import piko.model.Route;

/**
 * Hostnames of services, `<service>.<env>.<project>.localhost` (`shared` in place of the
 * environment for shared services), the routes behind them, and the URLs piko shows for them.
 * Pure functions of the state and piko.yaml.
 */
public final class Routes {
    public static final String DOMAIN = "localhost";

    private Routes() {
    }

    /** A service's hostname in a scope (an environment, or shared) of a project. */
    public static String host(String service, String scope, String project) {
        return label(service) + "." + label(scope) + "." + label(project) + "." + DOMAIN;
    }

    /** A DNS label: lower case, every character but letters, digits and '-' as '-', at most 63 characters. */
    static String label(String name) {
        String l = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        l = l.length() > 63 ? l.substring(0, 63).replaceAll("-+$", "") : l;
        return l.isEmpty() ? "x" : l;
    }

    /**
     * The published port a service's hostname reaches: the container port piko.yaml names under
     * `hostnames:` when the service publishes it over tcp, else its lowest published tcp port; null
     * when it publishes no tcp port.
     */
    public static PortAllocation target(List<PortAllocation> portsOfService, Integer named) {
        PortAllocation lowest = null;
        for (PortAllocation p : portsOfService) {
            if (!p.protocol().equals("tcp")) {
                continue;
            }
            if (named != null && p.target() == named) {
                return p;
            }
            if (lowest == null || p.target() < lowest.target()) {
                lowest = p;
            }
        }
        return lowest;
    }

    /** One route per service of the scope that publishes a tcp port, by service name. */
    public static List<Route> serving(String project, String scope, List<PortAllocation> ports, Map<String, Integer> hostnames) {
        List<Route> out = new ArrayList<>();
        for (Map.Entry<String, List<PortAllocation>> e : byService(ports, scope).entrySet()) {
            PortAllocation p = target(e.getValue(), hostnames.get(e.getKey()));
            if (p != null) {
                out.add(Route.proxy(host(e.getKey(), scope, project), p.hostPort()));
            }
        }
        return out;
    }

    /** The same hostnames answering with piko's page instead. */
    public static List<Route> pages(List<Route> routes, int status, String page) {
        return routes.stream().map(r -> Route.page(r.host(), status, page)).toList();
    }

    /** http://<host>, with the port when the router's http port is not 80. */
    public static String url(String host, int httpPort) {
        return "http://" + host + (httpPort == 80 ? "" : ":" + httpPort);
    }

    /**
     * The URL of every service of an environment with a hostname, by service: ports holds its
     * own allocations (scope env) and those of the shared instances it uses (scope shared), whose
     * hostnames are the shared ones.
     */
    public static Map<String, String> urls(String project, List<PortAllocation> ports, Map<String, Integer> hostnames,
                                           int httpPort) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> scopeOf = new LinkedHashMap<>();
        ports.forEach(p -> scopeOf.putIfAbsent(p.service(), p.scope()));
        scopeOf.forEach((service, scope) -> {
            List<PortAllocation> own = ports.stream().filter(p -> p.service().equals(service) && p.scope().equals(scope)).toList();
            if (target(own, hostnames.get(service)) != null) {
                out.put(service, url(host(service, scope, project), httpPort));
            }
        });
        return out;
    }

    private static Map<String, List<PortAllocation>> byService(List<PortAllocation> ports, String scope) {
        Map<String, List<PortAllocation>> out = new TreeMap<>();
        for (PortAllocation p : ports) {
            if (p.scope().equals(scope)) {
                out.computeIfAbsent(p.service(), k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }
}
