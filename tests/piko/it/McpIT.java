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
    void theServerEndsWhenItsClientClosesStdinOrSendsSigint() throws Exception {
        try (TestProject p = TestProject.initialised(PassthroughIT.APP)) {
            for (String end : List.of("stdin", "SIGINT")) {
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
                    new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).inheritIO().start().waitFor();
                }
                try {
                    assertTrue(goneWithin(server, started, Duration.ofSeconds(2)),
                            "piko-mcp still runs 2 s after " + end + " (pid " + server.pid() + ")");
                    assertEquals(end.equals("stdin") ? 0 : 130, server.exitValue(), end);
                } finally {
                    server.destroyForcibly();
                    client.close();
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentCreatesInspectsAndDestroysAnEnvironmentThroughTheServer() throws Exception {
        try (TestProject p = TestProject.initialised(PassthroughIT.APP)) {
            McpSyncClient client = McpClient.sync(transport(p)).requestTimeout(Duration.ofMinutes(5)).build();
            try {
                client.initialize();
                assertEquals(Set.of("create", "list", "status", "env", "up", "down", "destroy", "share", "isolate", "shared",
                                "logs"),
                        client.listTools().tools().stream().map(Tool::name).collect(Collectors.toSet()));

                CallToolResult created = client.callTool(call("create", Map.of("name", "agent")));
                assertFalse(created.isError(), () -> text(created, 0));
                Map<String, Object> env = new Yaml().load(text(created, 0));
                assertEquals(1, env.get("version"));
                assertEquals("running", env.get("status"));
                assertEquals(2, DockerOracle.containers("com.docker.compose.project", p.composeProject("agent")).stream()
                        .filter(c -> "running".equals(c.getState())).count());
                assertTrue(Files.isDirectory(p.worktree("agent")));
                assertEquals(env, new Yaml().<List<Object>>load(
                        text(client.callTool(call("list", Map.of())), 0)).get(0),
                        "create answers with the environment view that list shows");

                CallToolResult logs = client.callTool(call("logs", Map.of("name", "agent", "services", List.of("web"))));
                assertFalse(logs.isError(), () -> text(logs, 0));
                assertTrue(text(logs, 0).contains("started-in-agent"), () -> text(logs, 0));

                CallToolResult again = client.callTool(call("create", Map.of("name", "agent")));
                assertTrue(again.isError());
                assertEquals("error: environment 'agent' already exists\nhint: remove it first with: piko destroy agent",
                        text(again, 0));

                CallToolResult destroyed = client.callTool(call("destroy", Map.of("name", "agent")));
                assertFalse(destroyed.isError(), () -> text(destroyed, 0));
                assertEquals(List.of(), new Yaml().load(text(destroyed, 0)));
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
}
