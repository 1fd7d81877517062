package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** piko-mcp driven over stdio by the MCP Java SDK's own client, as an agent would. */
class McpIT extends DockerRequired {
    static CallToolRequest call(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder(tool).arguments(arguments).build();
    }

    static String text(CallToolResult r, int i) {
        return ((TextContent) r.content().get(i)).text();
    }

    /** The server as the SDK's client starts it: a JVM of its own on this class path. */
    static StdioClientTransport transport(TestProject p) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ServerParameters server = ServerParameters.builder(java)
                .args("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "piko.mcp.PikoMcp",
                        "--directory", p.root.toString())
                .env(TestProject.MACHINE)  // the test run's machine record (and router), not the user's
                .build();
        return new StdioClientTransport(server, McpJsonDefaults.getMapper());
    }

    /** The client's server process (the SDK keeps it to itself; an agent's client that dies just closes its pipes). */
    static Process serverProcess(StdioClientTransport transport) throws ReflectiveOperationException {
        Field process = StdioClientTransport.class.getDeclaredField("process");
        process.setAccessible(true);
        return (Process) process.get(transport);
    }

    /** Whether the process and everything it started have gone within the time. */
    static boolean goneWithin(Process server, List<ProcessHandle> started, Duration time) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void theServerEndsWhenItsClientClosesStdinOrSendsSigintOrSigterm() throws Exception {
        try (TestProject p = TestProject.initialised(PassthroughIT.APP)) {
            for (String end : List.of("stdin", "SIGINT", "SIGTERM")) {
                StdioClientTransport transport = transport(p);
                McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(1)).build();
                client.initialize();
                CallToolResult listed = client.callTool(call("list", Map.of()));
                assertFalse(listed.isError(), () -> text(listed, 0));
                Process server = serverProcess(transport);
                List<ProcessHandle> started = server.descendants().toList();
                if (end.equals("stdin")) {
                    server.getOutputStream().close();
                } else {
                    new ProcessBuilder("kill", "-" + end.substring(3), String.valueOf(server.pid())).inheritIO().start().waitFor();
                }
                try {
                    assertTrue(goneWithin(server, started, Duration.ofSeconds(2)),
                            "piko-mcp still runs 2 s after " + end + " (pid " + server.pid() + ")");
                    assertEquals(Map.of("stdin", 0, "SIGINT", 130, "SIGTERM", 143).get(end), server.exitValue(), end);
                } finally {
                    server.destroyForcibly();
                    client.close();
                }
            }
        }
    }

    @Test
    void aCreateStillRunningWhenTheClientGoesIsUndoneBeforeTheServerEnds() throws Exception {
        try (TestProject p = TestProject.withCompose(PassthroughIT.APP)) {
            p.pikoYaml("scripts:\n  setup: sleep 120\n");
            p.commit("a setup script that outlasts the client");
            p.piko("init").ok();
            StdioClientTransport transport = transport(p);
            McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(5)).build();
            client.initialize();
            Process server = serverProcess(transport);
            Thread agent = new Thread(() -> {
                try {
                    client.callTool(call("create", Map.of("name", "gone")));
                } catch (RuntimeException e) {
                    // the client closed its end: no answer comes
                }
            });
            agent.setDaemon(true);
            agent.start();
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (DockerOracle.containers("com.docker.compose.project", p.composeProject("gone")).stream()
                        .filter(c -> "running".equals(c.getState())).count() < 2) {
                    assertTrue(System.nanoTime() < deadline, "create started its containers");
                    Thread.sleep(200);
                }
                server.getOutputStream().close();  // the agent's client is gone while the setup script runs
                assertTrue(server.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), "piko-mcp ended");
                assertEquals(0, server.exitValue());
            } finally {
                server.destroyForcibly();
                client.close();
            }
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("gone")));
            assertFalse(DockerOracle.networkExists(p.composeProject("gone")));
            assertFalse(Files.exists(p.worktree("gone")));
            assertEquals("", p.git("branch", "--list", "gone").strip(), "the branch create made is gone too");
            assertTrue(p.piko("list").ok().err().contains("No environments yet"));
        }
    }

    /** PassthroughIT's app, web also mounting the host's /tmp (writable): piko warns of it. */
    static final String APP = """
            services:
              web:
                image: piko-test/busybox:1
                command: ["sh", "-c", "echo started-in-${PIKO_ENV_NAME:-none}; exec httpd -f -p 8080 -h /tmp"]
                ports: ["8080"]
                volumes: ["/tmp:/host-tmp"]
                stop_grace_period: 1s
              redis:
                image: piko-test/redis:1
                ports: ["6379"]
                stop_grace_period: 1s
            """;

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult r) {
        assertFalse(r.isError(), () -> text(r, 0));
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentCreatesInspectsAndDestroysAnEnvironmentThroughTheServer() throws Exception {
        try (TestProject p = TestProject.initialised(APP)) {
            // the client checks every structured result against its tool's output schema (and throws if it fails)
            McpSyncClient client = McpClient.sync(transport(p)).requestTimeout(Duration.ofMinutes(5))
                    .enableCallToolSchemaCaching(true).build();
            try {
                client.initialize();
                List<Tool> tools = client.listTools().tools();
                assertEquals(Set.of("create", "list", "status", "env", "up", "down", "destroy", "share", "isolate", "shared",
                                "logs", "snapshot_save", "snapshot_restore", "snapshot_list", "snapshot_rm",
                                "router_status", "router_start", "up_all", "down_all", "gc"), tools.stream().map(Tool::name).collect(Collectors.toSet()));
                tools.forEach(t -> assertEquals("object", t.outputSchema() == null ? null : t.outputSchema().get("type"),
                        t.name() + " has an output schema"));

                Map<String, Object> router = structured(client.callTool(call("router_status", Map.of())));
                assertTrue(router.get("routes") instanceof List<?> && router.get("status") instanceof String, "router_status");

                CallToolResult created = client.callTool(call("create", Map.of("name", "agent")));
                Map<String, Object> env = new LinkedHashMap<>(structured(created));
                assertEquals(1, env.get("version"));
                assertEquals("running", env.get("status"));
                assertEquals(List.of("web mounts /tmp from outside the worktree at /host-tmp: every environment reads"
                        + " and writes the same files"), env.remove("warnings"), "create's warning comes back");
                assertEquals(env, new Yaml().load(text(created, 0)), "the text holds the same view");
                assertEquals(List.of("web mounts /tmp from outside the worktree at /host-tmp: every environment reads"
                        + " and writes the same files"), structured(client.callTool(call("up", Map.of("name", "agent"))))
                        .get("warnings"), "up says it again");
                assertEquals(2, DockerOracle.containers("com.docker.compose.project", p.composeProject("agent")).stream()
                        .filter(c -> "running".equals(c.getState())).count());
                assertTrue(Files.isDirectory(p.worktree("agent")));
                assertEquals(List.of(env), structured(client.callTool(call("list", Map.of()))).get("environments"),
                        "create answers with the environment view that list shows");
                assertEquals(List.of(env), structured(client.callTool(call("status", Map.of()))).get("environments"));
                Map<String, Object> vars = structured(client.callTool(call("env", Map.of("name", "agent"))));
                assertEquals("agent", ((Map<String, Object>) vars.get("variables")).get("PIKO_ENV_NAME"));
                assertEquals(List.of(), structured(client.callTool(call("shared", Map.of()))).get("shared"));

                Map<String, Object> logs = structured(client.callTool(
                        call("logs", Map.of("name", "agent", "services", List.of("web")))));
                assertTrue(((List<String>) logs.get("lines")).stream().anyMatch(l -> l.contains("started-in-agent")),
                        () -> logs.toString());

                Map<String, Object> down = structured(client.callTool(call("down_all", Map.of())));
                assertEquals(List.of("agent: stopped"), down.get("done"));
                assertEquals(0, DockerOracle.containers("com.docker.compose.project", p.composeProject("agent")).stream()
                        .filter(c -> "running".equals(c.getState())).count());
                Map<String, Object> up = structured(client.callTool(call("up_all", Map.of())));
                assertEquals(List.of("agent: running"), up.get("done"));
                assertEquals("running", ((Map<String, Object>) ((List<Object>) up.get("environments")).get(0)).get("status"));
                Map<String, Object> gc = structured(client.callTool(call("gc", Map.of("idle", "1d"))));
                assertEquals(List.of(), gc.get("environments"), "a fresh running environment is not garbage");

                CallToolResult again = client.callTool(call("create", Map.of("name", "agent")));
                assertTrue(again.isError());
                assertEquals("error: environment 'agent' already exists\nhint: remove it first with: tool destroy"
                        + " {\"name\": \"agent\"}", text(again, 0));

                Map<String, Object> destroyed = structured(client.callTool(
                        call("destroy", Map.of("name", "agent", "volumes", true))));
                assertEquals("agent", destroyed.get("destroyed"));
                assertEquals(env.get("services"), ((Map<String, Object>) destroyed.get("environment")).get("services"),
                        "the environment as it was");
                assertEquals(List.of("Removed containers and network of " + p.composeProject("agent") + ", and its volumes",
                        "Removed worktree .piko/worktrees/agent (branch agent kept)", "Destroyed agent"),
                        destroyed.get("removed"));
                assertEquals(List.of(), destroyed.get("environments"));
            } finally {
                client.closeGracefully();
            }
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("agent")));
            assertFalse(DockerOracle.networkExists(p.composeProject("agent")));
            assertFalse(Files.exists(p.worktree("agent")));
            assertTrue(p.piko("list").ok().err().contains("No environments yet"));
            assertTrue(p.git("branch", "--list", "agent").contains("agent"), "the branch is kept");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentResetsItsEnvironmentFromASnapshot() throws Exception {
        try (TestProject p = TestProject.initialised(SnapshotIT.COMPOSE.replace("piko-test/noshell:1", TestProject.BUSYBOX)
                .replace("/opt/busybox", "/bin/busybox"))) {
            p.piko("create", "e1").ok();
            String volume = p.composeProject("e1") + "_dbdata";
            TestProject.docker("run", "--rm", "-v", volume + ":/v", TestProject.BUSYBOX, "sh", "-c", "echo good > /v/rows");
            McpSyncClient client = McpClient.sync(transport(p)).requestTimeout(Duration.ofMinutes(5))
                    .enableCallToolSchemaCaching(true).build();
            try {
                client.initialize();
                client.listTools();
                Map<String, Object> saved = structured(client.callTool(call("snapshot_save", Map.of("name", "e1", "snapshot", "good"))));
                List<Map<String, Object>> snapshots = (List<Map<String, Object>>) saved.get("snapshots");
                assertEquals("good", snapshots.get(0).get("name"));
                assertEquals(Map.of("blobdata", "piko." + p.name + ".good.0", "dbdata", "piko." + p.name + ".good.1"),
                        snapshots.get(0).get("volumes"));

                TestProject.docker("run", "--rm", "-v", volume + ":/v", TestProject.BUSYBOX, "sh", "-c", "echo broken > /v/rows");
                Map<String, Object> restored = structured(client.callTool(call("snapshot_restore",
                        Map.of("name", "e1", "snapshot", "good"))));
                assertEquals("running", restored.get("status"));
                assertEquals("good", TestProject.docker("run", "--rm", "-v", volume + ":/v", TestProject.BUSYBOX, "cat", "/v/rows")
                        .out().strip(), "the agent's environment is back to the snapshot's data");

                structured(client.callTool(call("create", Map.of("name", "e2", "from", "good"))));
                assertEquals("good", TestProject.docker("run", "--rm", "-v", p.composeProject("e2") + "_dbdata:/v",
                        TestProject.BUSYBOX, "cat", "/v/rows").out().strip());

                CallToolResult missing = client.callTool(call("snapshot_restore", Map.of("name", "e1", "snapshot", "nosuch")));
                assertTrue(missing.isError() && text(missing, 0).contains("tool snapshot_list"), () -> text(missing, 0));
            } finally {
                client.closeGracefully();
            }
        }
    }
}
