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

    @Test
    @SuppressWarnings("unchecked")
    void anAgentCreatesInspectsAndDestroysAnEnvironmentThroughTheServer() throws Exception {
        try (TestProject p = TestProject.initialised(PassthroughIT.APP)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            ServerParameters server = ServerParameters.builder(java)
                    .args("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "piko.mcp.PikoMcp",
                            "--directory", p.root.toString())
                    .build();
            McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofMinutes(5)).build();
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
