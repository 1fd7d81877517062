package piko.mcp;

import static piko.mcp.Schemas.ENVIRONMENT;
import static piko.mcp.Schemas.STRINGS;
import static piko.mcp.Schemas.WARNINGS;
import static piko.mcp.Schemas.array;
import static piko.mcp.Schemas.extend;
import static piko.mcp.Schemas.nullable;
import static piko.mcp.Schemas.object;
import static piko.mcp.Schemas.type;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import piko.mcp.CommandRunner.Outcome;

/** The tools over every environment: up_all, down_all (piko up/down --all) and gc. */
final class FleetTools {
    private static final Map<String, Object> FLEET = object(Map.of("version", type("integer"), "done", STRINGS,
            "warnings", WARNINGS, "environments", array(ENVIRONMENT)));
    private static final Map<String, Object> LISTED = extend(Map.of("properties", Map.of("version", type("integer"),
            "name", type("string"), "branch", type("string"), "path", type("string"), "created", type("string"),
            "shared", STRINGS)), Map.of("reasons", STRINGS, "kept", nullable("string"), "removed", type("boolean")));
    private static final Map<String, Object> GC = object(Map.of("version", type("integer"), "environments", array(LISTED),
            "done", STRINGS, "warnings", WARNINGS));

    private final CommandRunner piko;

    FleetTools(CommandRunner piko) {
        this.piko = piko;
    }

    void addTo(List<SyncToolSpecification> specs) {
        Tools.add(specs, "up_all", "Start every environment of the project (the shared services they use first); skips"
                        + " broken ones. Answers with one line per environment (`done`), warnings, and the environments.",
                Map.of(), List.of(), FLEET, a -> fleet(List.of("up", "--all")));
        Tools.add(specs, "down_all", "Stop every environment, then the shared services; containers and data stay."
                        + " Answers with one line per environment (`done`), warnings, and the environments.",
                Map.of(), List.of(), FLEET, a -> fleet(List.of("down", "--all")));
        Tools.add(specs, "gc", "The environments safe to remove (branch merged into the default branch with commits of"
                        + " its own, not started for longer than `idle`, or worktree gone), each with `reasons`; one with"
                        + " uncommitted changes is `kept`. A dry run unless `yes` (then they are destroyed, branches kept).",
                Map.of("idle", Map.of("type", "string", "description", "Also those not started for longer than this: 30m, 12h, 14d, 2w."),
                        "yes", Map.of("type", "boolean", "description", "Remove them."),
                        "volumes", Map.of("type", "boolean", "description", "With yes: also remove their named volumes.")),
                List.of(), GC, this::gc);
    }

    private CallToolResult fleet(List<String> command) {
        Outcome done = piko.run(command);
        if (!done.ok()) {
            return Results.failed(done);
        }
        Outcome shown = piko.run(List.of("list", "--json"));
        if (!shown.ok()) {
            return Results.failed(shown);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("version", 1);
        structured.put("done", Results.done(done.err()));
        structured.put("warnings", Results.warnings(done.err()));
        structured.put("environments", Results.parse(shown.out()));
        return Results.ok(structured, null, done.err());
    }

    private CallToolResult gc(Map<String, Object> a) {
        List<String> cmd = new ArrayList<>(List.of("gc", "--json"));
        if (a.get("idle") != null) cmd.addAll(List.of("--idle", String.valueOf(a.get("idle"))));
        if (Boolean.TRUE.equals(a.get("yes"))) cmd.add("--yes");
        if (Boolean.TRUE.equals(a.get("volumes"))) cmd.add("--volumes");
        Outcome o = piko.run(cmd);
        if (!o.ok()) {
            return Results.failed(o);
        }
        Map<String, Object> structured = Results.wrapped("environments", Results.parse(o.out()));
        structured.put("done", Results.done(o.err()));
        structured.put("warnings", Results.warnings(o.err()));
        return Results.ok(structured, o.out(), o.err());
    }
}
