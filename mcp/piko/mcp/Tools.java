package piko.mcp;

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
 * command's --json prints (an environment, a list of them, shared services), or with piko's own
 * `error:` and `hint:` lines as an error result. Changing commands run quietly and then read the view.
 */
final class Tools {
    private static final Map<String, Object> NAME = property("string", "Environment name.");
    private static final Map<String, Object> SERVICE = property("string", "Service name from the compose file.");

    private final CommandRunner piko;

    Tools(CommandRunner piko) {
        this.piko = piko;
    }

    List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> specs = new ArrayList<>();
        add(specs, "list", "Every environment of the project with its live status and services.", Map.of(), List.of(),
                a -> view("list", "--json"));
        add(specs, "status", "One environment (or, without a name, every environment): status, services, ports.",
                Map.of("name", NAME), List.of(), a -> view(with(List.of("status", "--json"), a.get("name"))));
        add(specs, "env", "An environment with its PIKO_* variables (ports, paths, compose project); asks no Docker.",
                Map.of("name", NAME), List.of("name"), a -> view(with(List.of("env", "--json"), a.get("name"))));
        add(specs, "create", "Create an environment: a git worktree on a new branch (or an existing one) and its own"
                        + " compose project, started. Answers with the environment.",
                Map.of("name", NAME, "branch", property("string", "Check out this existing branch instead of a new one.")),
                List.of("name"), a -> {
                    List<String> cmd = new ArrayList<>(List.of("create", "--quiet"));
                    if (a.get("branch") != null) {
                        cmd.addAll(List.of("--branch", String.valueOf(a.get("branch"))));
                    }
                    return then(with(cmd, a.get("name")), with(List.of("status", "--json"), a.get("name")));
                });
        add(specs, "up", "Start an environment (idempotent). Answers with the environment.", Map.of("name", NAME),
                List.of("name"), a -> then(with(List.of("up", "--quiet"), a.get("name")),
                        with(List.of("status", "--json"), a.get("name"))));
        add(specs, "down", "Stop an environment's containers, keeping them and their data. Answers with the environment.",
                Map.of("name", NAME), List.of("name"), a -> then(with(List.of("down", "--quiet"), a.get("name")),
                        with(List.of("status", "--json"), a.get("name"))));
        add(specs, "destroy", "Remove an environment: containers, network, worktree, state (the branch stays)."
                        + " Answers with the environments left.",
                Map.of("name", NAME, "volumes", property("boolean", "Also remove its named volumes."),
                        "force", property("boolean", "Also when its worktree has uncommitted changes (they are lost).")),
                List.of("name"), a -> {
                    List<String> cmd = new ArrayList<>(List.of("destroy", "--quiet"));
                    if (Boolean.TRUE.equals(a.get("volumes"))) cmd.add("--volumes");
                    if (Boolean.TRUE.equals(a.get("force"))) cmd.add("--force");
                    return then(with(cmd, a.get("name")), List.of("list", "--json"));
                });
        add(specs, "share", "Run one instance of a service for every environment, and list it in piko.yaml."
                        + " Answers with the shared services.",
                Map.of("service", SERVICE), List.of("service"),
                a -> then(with(List.of("share", "--quiet"), a.get("service")), List.of("shared", "--json")));
        add(specs, "isolate", "Stop sharing a service: environments created from now on run their own copy."
                        + " Answers with the shared services.",
                Map.of("service", SERVICE), List.of("service"),
                a -> then(with(List.of("isolate", "--quiet"), a.get("service")), List.of("shared", "--json")));
        add(specs, "shared", "The shared services: status, container, network, ports and the environments using them.",
                Map.of(), List.of(), a -> view("shared", "--json"));
        add(specs, "logs", "The last lines of an environment's service logs (a shared service's from its shared instance).",
                Map.of("name", NAME, "services", Map.of("type", "array", "items", Map.of("type", "string"),
                                "description", "Only these services (default: all)."),
                        "tail", property("integer", "Lines per service (default 100).")),
                List.of("name"), a -> {
                    List<String> cmd = new ArrayList<>(List.of("logs", "--tail", String.valueOf(a.getOrDefault("tail", 100)), "--"));
                    cmd.add(String.valueOf(a.get("name")));
                    if (a.get("services") instanceof List<?> services) {
                        services.forEach(s -> cmd.add(String.valueOf(s)));
                    }
                    return answer(piko.run(cmd));
                });
        return specs;
    }

    private static void add(List<SyncToolSpecification> specs, String name, String description,
                            Map<String, Object> properties, List<String> required,
                            Function<Map<String, Object>, CallToolResult> call) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        Tool tool = Tool.builder(name, schema).description(description).build();
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

    private CallToolResult view(String... command) {
        return view(List.of(command));
    }

    private CallToolResult view(List<String> command) {
        return answer(piko.run(command));
    }

    /** Runs a change, then answers with a view (or with the change's error). */
    private CallToolResult then(List<String> change, List<String> view) {
        Outcome done = piko.run(change);
        if (!done.ok()) {
            return answer(done);
        }
        Outcome shown = piko.run(view);
        return answer(new Outcome(shown.code(), shown.out(), done.err() + shown.err()));
    }

    /** The command's data as the result, its talk (warnings, notes) as a second text; its error lines on failure. */
    private static CallToolResult answer(Outcome o) {
        CallToolResult.Builder result = CallToolResult.builder();
        if (!o.ok()) {
            return result.isError(true).addTextContent(o.err().strip()).build();
        }
        result.addTextContent(o.out());
        if (!o.err().isBlank()) {
            result.addTextContent(o.err().strip());
        }
        return result.isError(false).build();
    }
}
