package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.Project;

class EnvVarsTest {
    private static final Project PROJECT = new Project(1, "shop", Path.of("/src/shop"), "compose.yaml", "0123456789abcdef");
    private static final Environment ENV = new Environment(1, "feat-x", "feat-x", true,
            Path.of("/src/shop/.piko/worktrees/feat-x"), 1, Environment.READY, List.of("db", "web"), "", "now");

    @Test
    void namesEveryVariableAndEachPortOfMultiPortServices() {
        Map<String, String> vars = EnvVars.of(PROJECT, ENV, List.of(
                new PortAllocation("feat-x", "db", 5432, "tcp", 10132),
                new PortAllocation("feat-x", "my-web", 8080, "tcp", 10180),
                new PortAllocation("feat-x", "my-web", 443, "tcp", 10143)));
        assertEquals("/src/shop", vars.get("PIKO_ROOT"));
        assertEquals("shop", vars.get("PIKO_PROJECT"));
        assertEquals("feat-x", vars.get("PIKO_ENV_NAME"));
        assertEquals("/src/shop/.piko/worktrees/feat-x", vars.get("PIKO_ENV_PATH"));
        assertEquals("feat-x", vars.get("PIKO_BRANCH"));
        assertEquals("10132", vars.get("PIKO_DB_PORT"));
        assertFalse(vars.containsKey("PIKO_DB_PORT_5432"));
        assertEquals("10143", vars.get("PIKO_MY_WEB_PORT"));
        assertEquals("10143", vars.get("PIKO_MY_WEB_PORT_443"));
        assertEquals("10180", vars.get("PIKO_MY_WEB_PORT_8080"));
    }

    @Test
    void udpNextToTcpOnOnePortGetsItsOwnVariable() {
        Map<String, String> vars = EnvVars.of(PROJECT, ENV, List.of(
                new PortAllocation("feat-x", "dns", 53, "tcp", 10153),
                new PortAllocation("feat-x", "dns", 53, "udp", 10154),
                new PortAllocation("feat-x", "stun", 3478, "udp", 10178)));
        assertEquals("10153", vars.get("PIKO_DNS_PORT"));
        assertEquals("10153", vars.get("PIKO_DNS_PORT_53"));
        assertEquals("10154", vars.get("PIKO_DNS_PORT_53_UDP"));
        assertEquals("10178", vars.get("PIKO_STUN_PORT"));
        assertEquals("10178", vars.get("PIKO_STUN_PORT_3478_UDP"));
        assertFalse(vars.containsKey("PIKO_STUN_PORT_3478"));
    }

    @Test
    void servicesWhoseNamesGiveOneVariableAreNumberedByName() {
        Map<String, String> vars = EnvVars.of(PROJECT, ENV, List.of(
                new PortAllocation("feat-x", "my_db", 5432, "tcp", 10132),
                new PortAllocation("feat-x", "my-db", 5432, "tcp", 10133),
                new PortAllocation("feat-x", "my.db", 5432, "tcp", 10134),
                new PortAllocation("feat-x", "my-db-2", 80, "tcp", 10180),
                new PortAllocation("feat-x", "web", 80, "tcp", 10181),
                new PortAllocation("feat-x", "Web", 80, "tcp", 10182),
                new PortAllocation("feat-x", "Web", 443, "tcp", 10183)));
        assertEquals("10133", vars.get("PIKO_MY_DB_PORT"));
        assertEquals("10180", vars.get("PIKO_MY_DB_2_PORT"));
        assertEquals("10134", vars.get("PIKO_MY_DB_3_PORT"));
        assertEquals("10132", vars.get("PIKO_MY_DB_4_PORT"));
        assertEquals("10182", vars.get("PIKO_WEB_PORT"));
        assertEquals("10183", vars.get("PIKO_WEB_PORT_443"));
        assertEquals("10181", vars.get("PIKO_WEB_2_PORT"));
        assertEquals(6 + 4 + 3 + 1, vars.size(), vars.toString());
        assertEquals(List.of("my.db's port is PIKO_MY_DB_3_PORT (PIKO_MY_DB_PORT is another service's)",
                        "my_db's port is PIKO_MY_DB_4_PORT (PIKO_MY_DB_PORT is another service's)",
                        "web's port is PIKO_WEB_2_PORT (PIKO_WEB_PORT is another service's)"),
                EnvVars.renumbered(List.of("web", "my_db", "my-db", "my.db", "my-db-2", "Web")));
    }

    @Test
    void shellOutputQuotesEveryValue() {
        assertEquals("export A='it'\\''s $HOME'\n", EnvVars.asShell(Map.of("A", "it's $HOME")));
    }
}
