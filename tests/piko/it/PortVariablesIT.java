package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Services whose names give one variable (my-db, my_db, my.db) each keep a variable of their own. */
class PortVariablesIT extends DockerRequired {
    private static final String THREE_DBS = """
            services:
              my-db:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "5432"]
                stop_grace_period: 1s
                ports: ["5432"]
              my_db:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "5433"]
                stop_grace_period: 1s
                ports: ["5433"]
              my.db:
                image: piko-test/busybox:1
                command: ["httpd", "-f", "-p", "5434"]
                stop_grace_period: 1s
                ports: ["5434"]
            """;

    @Test
    void everyServiceKeepsItsOwnPortVariable() throws Exception {
        try (TestProject p = TestProject.initialised(THREE_DBS)) {
            Run created = p.piko("create", "e1").ok();
            assertTrue(created.err().contains("warning: my.db's port is PIKO_MY_DB_2_PORT"), created.describe());
            assertTrue(created.err().contains("warning: my_db's port is PIKO_MY_DB_3_PORT"), created.describe());
            String env = p.piko("env", "e1").ok().out();
            String first = value(env, "PIKO_MY_DB_PORT");
            String second = value(env, "PIKO_MY_DB_2_PORT");
            String third = value(env, "PIKO_MY_DB_3_PORT");
            assertEquals(String.valueOf(p.planned(1, 5432)), first, env);
            assertEquals(String.valueOf(p.planned(1, 5434)), second, env);
            assertEquals(String.valueOf(p.planned(1, 5433)), third, env);
            assertNotEquals(first, second);
            // each variable reaches its own service: the published port Docker reports for it
            assertEquals("0.0.0.0:" + second, TestProject.docker("port", p.composeProject("e1") + "-my.db-1", "5434/tcp")
                    .out().lines().findFirst().orElse(""));
            assertEquals("0.0.0.0:" + third, TestProject.docker("port", p.composeProject("e1") + "-my_db-1", "5433/tcp")
                    .out().lines().findFirst().orElse(""));
            p.piko("destroy", "e1").ok();
        }
    }

    private static String value(String env, String name) {
        return env.lines().filter(l -> l.startsWith("export " + name + "="))
                .map(l -> l.substring(l.indexOf('=') + 1).replace("'", "")).findFirst().orElse("missing " + name);
    }
}
