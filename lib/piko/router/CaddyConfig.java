package piko.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import piko.model.Route;
import piko.text.JsonString;

/**
 * The whole configuration of the router (Caddy's JSON): an http and an https server with one
 * route per hostname, certificates from Caddy's own local CA (issued at the first handshake of a
 * hostname piko routes), and piko's page for every hostname it does not know.
 */
public final class CaddyConfig {
    static final String FALLBACK = "no piko environment answers at {http.request.host}; see the hostnames with: piko router status\n";
    /** Where the router keeps its CA and certificates, in its data volume. */
    static final String STORAGE = "/data/caddy";
    /** *.localhost names loopback: nothing of an environment is served to the network through the router. */
    static final String LOOPBACK = "127.0.0.1";

    private CaddyConfig() {
    }

    /** One route per hostname (the first wins when two scopes name the same one), sorted. */
    public static String of(RouterSettings s, List<Route> routes) {
        Map<String, Route> byHost = new java.util.TreeMap<>();
        routes.forEach(r -> byHost.putIfAbsent(r.host(), r));
        List<String> handled = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (Route r : byHost.values()) {
            handled.add("{\"match\":[{\"host\":[" + JsonString.quote(r.host()) + "]}],\"handle\":[" + handler(r) + "],\"terminal\":true}");
            hosts.add(JsonString.quote(r.host()));
        }
        handled.add("{\"handle\":[" + page(404, FALLBACK) + "]}");
        String routesJson = "[" + String.join(",", handled) + "]";
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("http", "{\"listen\":[\"" + LOOPBACK + ":" + s.httpPort() + "\"],\"automatic_https\":{\"disable\":true},\"routes\":" + routesJson + "}");
        servers.put("https", "{\"listen\":[\"" + LOOPBACK + ":" + s.httpsPort() + "\"],\"automatic_https\":{\"disable_redirects\":true},"
                + "\"protocols\":[\"h1\",\"h2\"],"
                + "\"tls_connection_policies\":[{}],\"routes\":" + routesJson + "}");
        StringBuilder b = new StringBuilder();
        b.append("{\"admin\":{\"listen\":\"127.0.0.1:").append(s.adminPort()).append("\",\"config\":{\"persist\":false}},");
        b.append("\"storage\":{\"module\":\"file_system\",\"root\":\"").append(STORAGE).append("\"},");
        b.append("\"apps\":{\"http\":{\"http_port\":").append(s.httpPort()).append(",\"https_port\":").append(s.httpsPort());
        b.append(",\"servers\":{");
        b.append(String.join(",", servers.entrySet().stream().map(e -> JsonString.quote(e.getKey()) + ":" + e.getValue()).toList()));
        b.append("}},");
        if (!hosts.isEmpty()) {  // a policy without subjects would cover every name
            b.append("\"tls\":{\"automation\":{\"policies\":[{\"subjects\":[").append(String.join(",", hosts))
                    .append("],\"issuers\":[{\"module\":\"internal\"}],\"on_demand\":true}]}},");
        }
        b.append("\"pki\":{\"certificate_authorities\":{\"local\":{\"install_trust\":false}}}}}\n");
        return b.toString();
    }

    private static String handler(Route r) {
        if (r.proxies()) {
            return "{\"handler\":\"reverse_proxy\",\"upstreams\":[{\"dial\":\"127.0.0.1:" + r.port() + "\"}]}";
        }
        return page(r.status(), r.page());
    }

    private static String page(int status, String text) {
        return "{\"handler\":\"static_response\",\"status_code\":" + status
                + ",\"headers\":{\"Content-Type\":[\"text/plain; charset=utf-8\"]},\"body\":" + JsonString.quote(text) + "}";
    }
}
