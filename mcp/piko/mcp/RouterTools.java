package piko.mcp;

import static piko.mcp.Schemas.STRING;
import static piko.mcp.Schemas.array;
import static piko.mcp.Schemas.nullable;
import static piko.mcp.Schemas.object;
import static piko.mcp.Schemas.type;
import static piko.mcp.Tools.add;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.List;
import java.util.Map;

/** The machine's router (hostnames for every environment's services): its status, and starting it. */
final class RouterTools {
    private static final Map<String, Object> ROUTE = object(Map.of("host", STRING, "project", STRING,
            "environment", STRING, "port", nullable("integer"), "status", nullable("integer"), "page", nullable("string")));
    static final Map<String, Object> ROUTER = object(Map.of("version", type("integer"), "status", STRING,
            "container", nullable("string"), "image", STRING, "http_port", type("integer"), "https_port", type("integer"),
            "admin_port", type("integer"), "volume", STRING, "routes", array(ROUTE)));

    private final Tools tools;

    RouterTools(Tools tools) {
        this.tools = tools;
    }

    void addTo(List<SyncToolSpecification> specs) {
        add(specs, "router_status", "The machine's router: its container, ports, and every hostname it serves"
                + " (http://<service>.<env>.<project>.localhost) with the port behind it.", Map.of(), List.of(), ROUTER,
                a -> tools.view(List.of("router", "status", "--json")));
        add(specs, "router_start", "Start the machine's router (idempotent, with the ports last used), so that every"
                + " environment's services answer at their hostnames. Answers with its status.", Map.of(), List.of(),
                Schemas.extend(ROUTER, Map.of("warnings", Schemas.WARNINGS)),
                a -> tools.then(List.of("router", "start", "--quiet"), List.of("router", "status", "--json")));
    }
}
