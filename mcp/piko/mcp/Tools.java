package piko.mcp;

import static piko.mcp.Schemas.ENVIRONMENT;
import static piko.mcp.Schemas.ENVIRONMENT_VARIABLES;
import static piko.mcp.Schemas.SHARED_SERVICE;
import static piko.mcp.Schemas.STRING;
import static piko.mcp.Schemas.STRINGS;
import static piko.mcp.Schemas.WARNINGS;
import static piko.mcp.Schemas.array;
import static piko.mcp.Schemas.extend;
import static piko.mcp.Schemas.nullable;
import static piko.mcp.Schemas.object;
import static piko.mcp.Schemas.type;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import piko.mcp.CommandRunner.Outcome;

/**
 * The tools: each runs the piko command of its name and answers with the JSON view that the
 * command's --json prints (an environment, a list of them, shared services) as structured content
 * with its schema, or with piko's own `error:` and `hint:` lines as an error result. Changing
 * commands run quietly, then read the view; what they warned of comes back as `warnings`.
 */
final class Tools {
    private static final Map<String, Object> NAME = property("string", "Environment name.");
    private static final Map<String, Object> SERVICE = property("string", "Service name from the compose file.");
    private static final Map<String, Object> ENVIRONMENTS = object(Map.of("version", type("integer"),
            "environments", array(ENVIRONMENT)));
    private static final Map<String, Object> CHANGED_ENVIRONMENT = extend(ENVIRONMENT, Map.of("warnings", WARNINGS));
    private static final Map<String, Object> SHARED = object(Map.of("version", type("integer"),
            "shared", array(SHARED_SERVICE)));
    private static final Map<String, Object> CHANGED_SHARED = extend(SHARED, Map.of("warnings", WARNINGS));
    private static final Map<String, Object> DESTROYED = object(Map.of("version", type("integer"), "destroyed", STRING,
            "environment", Map.of("anyOf", List.of(ENVIRONMENT, type("null"))), "removed", STRINGS,
            "warnings", WARNINGS, "environments", array(ENVIRONMENT)));
    private static final Map<String, Object> SNAPSHOT = object(Map.of("version", type("integer"), "name", STRING,
            "source", nullable("string"), "created", nullable("string"), "complete", type("boolean"),
            "volumes", Map.of("type", "object", "additionalProperties", STRING), "bytes", nullable("integer")));
    private static final Map<String, Object> SNAPSHOTS = object(Map.of("version", type("integer"),
            "snapshots", array(SNAPSHOT)));
    private static final Map<String, Object> SNAPSHOT_NAME = property("string", "Snapshot name.");
    private static final Map<String, Object> LOGS = object(Map.of("version", type("integer"), "name", STRING,
            "lines", STRINGS));

    private final CommandRunner piko;

    Tools(CommandRunner piko) {
        this.piko = piko;
    }

    List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> specs = new ArrayList<>();
        add(specs, "list", "Every environment of the project with its live status and services.", Map.of(), List.of(),
                ENVIRONMENTS, a -> wrapped("environments", List.of("list", "--json")));
        add(specs, "status", "One environment (or, without a name, every environment as `environments`): status,"
                        + " services, ports.", Map.of("name", NAME), List.of(),
                Map.of("type", "object", "anyOf", List.of(ENVIRONMENT, ENVIRONMENTS)),
                a -> a.get("name") == null ? wrapped("environments", List.of("status", "--json"))
                        : view(with(List.of("status", "--json"), a.get("name"))));
        add(specs, "env", "An environment with its PIKO_* variables (ports, paths, compose project); asks no Docker.",
                Map.of("name", NAME), List.of("name"), ENVIRONMENT_VARIABLES,
                a -> view(with(List.of("env", "--json"), a.get("name"))));
        add(specs, "create", "Create an environment: a git worktree on a new branch (or an existing one) and its own"
                        + " compose project, started. Answers with the environment and what piko warned of.",
                Map.of("name", NAME, "branch", property("string", "Check out this existing branch instead of a new one."),
                        "from", property("string", "Start its volumes as copies of this snapshot or environment."),
                        "empty", property("boolean", "Empty volumes even when piko.yaml names a seed snapshot.")),
                List.of("name"), CHANGED_ENVIRONMENT, a -> {
                    List<String> cmd = new ArrayList<>(List.of("create", "--quiet"));
                    if (a.get("branch") != null) {
                        cmd.addAll(List.of("--branch", String.valueOf(a.get("branch"))));
                    }
                    if (a.get("from") != null) {
                        cmd.add("--from=" + a.get("from"));
                    }
                    if (Boolean.TRUE.equals(a.get("empty"))) {
                        cmd.add("--empty");
                    }
                    return then(with(cmd, a.get("name")), with(List.of("status", "--json"), a.get("name")));
                });
        add(specs, "up", "Start an environment (idempotent). Answers with the environment and what piko warned of.",
                Map.of("name", NAME), List.of("name"), CHANGED_ENVIRONMENT,
                a -> then(with(List.of("up", "--quiet"), a.get("name")), with(List.of("status", "--json"), a.get("name"))));
        add(specs, "down", "Stop an environment's containers, keeping them and their data. Answers with the environment.",
                Map.of("name", NAME), List.of("name"), CHANGED_ENVIRONMENT, a -> then(
                        with(List.of("down", "--quiet"), a.get("name")), with(List.of("status", "--json"), a.get("name"))));
        add(specs, "destroy", "Remove an environment: containers, network, worktree, state (the branch stays)."
                        + " Answers with what it removed (`environment` as it was, `removed`) and the environments left.",
                Map.of("name", NAME, "volumes", property("boolean", "Also remove its named volumes."),
                        "force", property("boolean", "Also when its worktree has uncommitted changes (they are lost).")),
                List.of("name"), DESTROYED, this::destroy);
        add(specs, "share", "Run one instance of a service for every environment, and list it in piko.yaml."
                        + " Answers with the shared services and what piko warned of.",
                Map.of("service", SERVICE), List.of("service"), CHANGED_SHARED,
                a -> thenShared(with(List.of("share", "--quiet"), a.get("service"))));
        add(specs, "isolate", "Stop sharing a service: environments created from now on run their own copy."
                        + " Answers with the shared services.",
                Map.of("service", SERVICE), List.of("service"), CHANGED_SHARED,
                a -> thenShared(with(List.of("isolate", "--quiet"), a.get("service"))));
        add(specs, "shared", "The shared services: status, container, network, ports and the environments using them.",
                Map.of(), List.of(), SHARED, a -> wrapped("shared", List.of("shared", "--json")));
        add(specs, "logs", "The last lines of an environment's service logs (a shared service's from its shared instance).",
                Map.of("name", NAME, "services", Map.of("type", "array", "items", STRING,
                                "description", "Only these services (default: all)."),
                        "tail", property("integer", "Lines per service (default 100).")),
                List.of("name"), LOGS, this::logs);
        addSnapshots(specs);
        new RouterTools(this).addTo(specs);
        new FleetTools(piko).addTo(specs);
        return specs;
    }

    private void addSnapshots(List<SyncToolSpecification> specs) {
        add(specs, "snapshot_save", "Copy every named volume of an environment into a snapshot (its services paused for"
                        + " the copy). Answers with the project's snapshots.",
                Map.of("name", NAME, "snapshot", SNAPSHOT_NAME), List.of("name", "snapshot"), SNAPSHOTS,
                a -> snapshotThenList("save", a.get("name"), a.get("snapshot")));
        add(specs, "snapshot_restore", "Put an environment's volumes back as a snapshot holds them, then start it: how an"
                        + " agent resets its own environment. Answers with the environment.",
                Map.of("name", NAME, "snapshot", SNAPSHOT_NAME), List.of("name", "snapshot"), CHANGED_ENVIRONMENT,
                a -> then(List.of("snapshot", "--quiet", "--", "restore", String.valueOf(a.get("name")),
                        String.valueOf(a.get("snapshot"))), with(List.of("status", "--json"), a.get("name"))));
        add(specs, "snapshot_list", "The project's snapshots: source environment, volumes, size, created.",
                Map.of(), List.of(), SNAPSHOTS, a -> wrapped("snapshots", List.of("snapshot", "list", "--json")));
        add(specs, "snapshot_rm", "Remove a snapshot (its volumes). Answers with the snapshots left.",
                Map.of("snapshot", SNAPSHOT_NAME), List.of("snapshot"), SNAPSHOTS,
                a -> snapshotThenList("rm", a.get("snapshot")));
    }

    private CallToolResult snapshotThenList(String action, Object... args) {
        List<String> cmd = new ArrayList<>(List.of("snapshot", "--quiet", "--", action));
        for (Object arg : args) {
            cmd.add(String.valueOf(arg));
        }
        Outcome done = piko.run(cmd);
        return done.ok() ? wrapped("snapshots", List.of("snapshot", "list", "--json")) : Results.failed(done);
    }

    static void add(List<SyncToolSpecification> specs, String name, String description,
                            Map<String, Object> properties, List<String> required, Map<String, Object> output,
                            Function<Map<String, Object>, CallToolResult> call) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        Tool tool = Tool.builder(name, schema).description(description).outputSchema(output).build();
        specs.add(SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> call.apply(request.arguments() == null ? Map.of() : request.arguments()))
                .build());
    }

    private static Map<String, Object> property(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    /** Options first, then `--` and the positional word, so a name can never read as an option. */
    private static List<String> with(List<String> command, Object positional) {
        List<String> cmd = new ArrayList<>(command);
        if (positional != null) {
            cmd.add("--");
            cmd.add(String.valueOf(positional));
        }
        return cmd;
    }

    /** A command whose --json prints one object: that object. */
    @SuppressWarnings("unchecked")
    CallToolResult view(List<String> command) {
        Outcome o = piko.run(command);
        return o.ok() ? Results.ok((Map<String, Object>) Results.parse(o.out()), o.out(), o.err()) : Results.failed(o);
    }

    /** A command whose --json prints an array: the array under key. */
    private CallToolResult wrapped(String key, List<String> command) {
        Outcome o = piko.run(command);
        return o.ok() ? Results.ok(Results.wrapped(key, Results.parse(o.out())), o.out(), o.err()) : Results.failed(o);
    }

    /** Runs a change, then answers with the environment view and the change's warnings (or with the change's error). */
    @SuppressWarnings("unchecked")
    CallToolResult then(List<String> change, List<String> view) {
        Outcome done = piko.run(change);
        if (!done.ok()) {
            return Results.failed(done);
        }
        Outcome shown = piko.run(view);
        if (!shown.ok()) {
            return Results.failed(shown);
        }
        Map<String, Object> structured = new LinkedHashMap<>((Map<String, Object>) Results.parse(shown.out()));
        structured.put("warnings", Results.warnings(done.err() + shown.err()));
        return Results.ok(structured, shown.out(), done.err() + shown.err());
    }

    private CallToolResult thenShared(List<String> change) {
        Outcome done = piko.run(change);
        if (!done.ok()) {
            return Results.failed(done);
        }
        Outcome shown = piko.run(List.of("shared", "--json"));
        if (!shown.ok()) {
            return Results.failed(shown);
        }
        Map<String, Object> structured = Results.wrapped("shared", Results.parse(shown.out()));
        structured.put("warnings", Results.warnings(done.err() + shown.err()));
        return Results.ok(structured, shown.out(), done.err() + shown.err());
    }

    /** Reads the environment first, destroys it saying each step, and answers with both and the environments left. */
    private CallToolResult destroy(Map<String, Object> a) {
        Object name = a.get("name");
        Outcome before = piko.run(with(List.of("status", "--json"), name));
        List<String> cmd = new ArrayList<>(List.of("destroy"));
        if (Boolean.TRUE.equals(a.get("volumes"))) cmd.add("--volumes");
        if (Boolean.TRUE.equals(a.get("force"))) cmd.add("--force");
        Outcome done = piko.run(with(cmd, name));
        if (!done.ok()) {
            return Results.failed(done);
        }
        Outcome left = piko.run(List.of("list", "--json"));
        if (!left.ok()) {
            return Results.failed(left);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("version", 1);
        structured.put("destroyed", String.valueOf(name));
        structured.put("environment", before.ok() ? Results.parse(before.out()) : null);
        structured.put("removed", Results.done(done.err()));
        structured.put("warnings", Results.warnings(done.err()));
        structured.put("environments", Results.parse(left.out()));
        return Results.ok(structured, null, String.join("\n", Results.warnings(done.err()).stream()
                .map(w -> "warning: " + w).toList()));
    }

    private CallToolResult logs(Map<String, Object> a) {
        List<String> cmd = new ArrayList<>(List.of("logs", "--tail", String.valueOf(a.getOrDefault("tail", 100)), "--"));
        cmd.add(String.valueOf(a.get("name")));
        if (a.get("services") instanceof List<?> services) {
            services.forEach(s -> cmd.add(String.valueOf(s)));
        }
        Outcome o = piko.run(cmd);
        if (!o.ok()) {
            return Results.failed(o);
        }
        Map<String, Object> structured = Results.wrapped("name", String.valueOf(a.get("name")));
        structured.put("lines", o.out().isEmpty() ? List.of() : List.of(o.out().split("\n")));
        return Results.ok(structured, o.out(), o.err());
    }
}
