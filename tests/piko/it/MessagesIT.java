package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages that point the right way: what piko.yaml gets wrong, and what the user must change. */
class MessagesIT extends DockerRequired {
    /** One project for the tests on a web and a redis, each on an environment of its own. */
    private static TestProject app;

    @BeforeAll
    static void app() throws Exception {
        app = TestProject.initialised(TestProject.WEB_AND_REDIS);
    }

    @AfterAll
    static void removeApp() throws Exception {
        app.close();
    }

    @Test
    void anUnknownSharedServiceIsAnErrorAndDownAndDestroyNeedOnlyTheState() throws Exception {
        TestProject p = app;
        p.piko("create", "sh", "-q").ok();
        try {
            p.pikoYaml("shared: [nosuch]\n");
            Run list = p.piko("list");
            assertEquals(1, list.code(), list.describe());
            assertEquals("error: piko.yaml shares nosuch, which is not a service of compose.yaml\n"
                    + "hint: the services of compose.yaml: redis, web; fix shared: in " + p.root.resolve("piko.yaml")
                    + ", or: piko isolate nosuch\n",
                    list.err(), list.describe());
            assertEquals(java.util.Set.of(), ProjectLockIT.sharedInState(p), "nothing was marked shared");

            Run down = p.piko("down", "sh", "-q").ok();
            assertEquals("warning: piko.yaml shares nosuch, which is not a service of compose.yaml; down goes on with the"
                    + " shared services as the state has them\n", down.err(), down.describe());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("sh")).stream()
                    .filter(c -> "running".equals(c.getState())).toList(), "down stopped sh");

            Run isolate = p.piko("isolate", "nosuch", "-q").ok();  // the way out the hint names
            assertEquals("", isolate.err(), isolate.describe());
            assertFalse(Files.readString(p.root.resolve("piko.yaml")).contains("nosuch"), "isolate took it out of piko.yaml");
            p.piko("list").ok();

            p.pikoYaml("shared: [redis\n");
            Run destroy = p.piko("destroy", "sh", "-q").ok();
            assertEquals("warning: " + p.root.resolve("piko.yaml") + ":4: invalid YAML: expected ',' or ']', but got <stream end>"
                    + " (while parsing a flow sequence from line 3); destroy goes on with the state alone, without piko.yaml's"
                    + " settings (scripts.destroy is not run)\n", destroy.err(), destroy.describe());
            assertFalse(Files.exists(p.worktree("sh")));
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("sh")));
            assertFalse(DockerOracle.networkExists(p.composeProject("sh")));
            p.piko("list").fails("invalid YAML");  // every other command still refuses it
        } finally {
            p.pikoYaml("");
        }
        assertTrue(p.piko("list").ok().out().lines().noneMatch(l -> l.startsWith("sh ")), "the state forgot sh");
    }

    @Test
    void aRenamedServiceIsNamedAtUpWithTheVariablesThatWentAndCame() throws Exception {
        TestProject p = app;
        p.piko("create", "ren", "-q").ok();
        int web = CreateIT.port(p, "ren", "PIKO_WEB_PORT");
        java.nio.file.Path compose = p.worktree("ren").resolve("compose.yaml");
        Files.writeString(compose, Files.readString(compose).replace("  web:", "  api:"));

        Run up = p.piko("up", "ren").ok();
        int api = CreateIT.port(p, "ren", "PIKO_API_PORT");
        assertTrue(up.err().contains("warning: web is no longer a service of ren (its compose files or COMPOSE_PROFILES"
                + " changed): PIKO_WEB_PORT=" + web + " is gone\n"), up.describe());
        assertTrue(up.err().contains("\napi is a new service of ren: PIKO_API_PORT=" + api + "\n"), up.describe());
        assertFalse(p.piko("env", "ren").ok().out().contains("PIKO_WEB_PORT"));
        assertEquals(java.util.Set.of("api", "redis"), CreateIT.runningServices(p.composeProject("ren")));
        assertFalse(p.piko("up", "ren").ok().err().contains("service of ren"), "said once, when it changed");
    }

    @Test
    void aValueNamingAPublishedPortOnLocalhostIsNamedWithTheVariableToUse() throws Exception {
        try (TestProject p = TestProject.initialised("""
                services:
                  broker:
                    image: piko-test/busybox:1
                    command: ["httpd", "-f", "-p", "9092", "-h", "/tmp"]
                    stop_grace_period: 1s
                    ports: ["9092"]
                    environment:
                      ADVERTISED: PLAINTEXT://localhost:9092
                      FOLLOWS: PLAINTEXT://localhost:${PIKO_BROKER_PORT:-9092}
                      INSIDE: PLAINTEXT://broker:9092
                """)) {
            Run create = p.piko("create", "e1", "-q").ok();
            int broker = CreateIT.port(p, "e1", "PIKO_BROKER_PORT");
            String warning = "warning: broker's ADVERTISED (PLAINTEXT://localhost:9092) names localhost:9092, but broker's port"
                    + " 9092 is published as " + broker + " here: for clients on the host, write localhost:${PIKO_BROKER_PORT:-9092}"
                    + " (piko sets PIKO_BROKER_PORT for compose)\n";
            assertEquals(warning, create.err(), create.describe());
            String env = TestProject.docker("inspect", "-f", "{{json .Config.Env}}", p.composeProject("e1") + "-broker-1").out();
            assertTrue(env.contains("\"FOLLOWS=PLAINTEXT://localhost:" + broker + "\""), "compose got the variable: " + env);
            assertEquals(warning, p.piko("up", "e1", "-q").ok().err(), "up says it again");
        }
    }

    @Test
    void anExecThatDestroyEndsSaysItsEnvironmentWasDestroyed() throws Exception {
        TestProject p = app;
        p.piko("create", "ex", "-q").ok();
        java.util.concurrent.Future<org.zeroturnaround.exec.ProcessResult> exec =
                p.startPiko("exec", "ex", "web", "--", "sleep", "600");
        String web = p.composeProject("ex") + "-web-1";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (!TestProject.docker("top", web).out().contains("sleep 600")) {  // the exec's command runs
            assertTrue(System.nanoTime() < deadline && !exec.isDone(), "the exec never started its command");
            Thread.sleep(100);
        }
        Run destroy = p.piko("destroy", "ex", "-q").ok();
        assertEquals("warning: ending 1 command running in ex (piko exec or docker exec in web): it ends with its container\n",
                destroy.err(), destroy.describe());

        org.zeroturnaround.exec.ProcessResult ended = exec.get(2, java.util.concurrent.TimeUnit.MINUTES);
        String said = ended.outputUTF8();
        assertEquals(137, ended.getExitValue(), "the command's own exit code, killed with its container: " + said);
        // the destroy is named when it still ran as the exec ended (the usual case); it may have finished already
        assertTrue(said.matches("(?s).*error: environment ex was destroyed while this command ran in it( \\(piko destroy ex,"
                + " process \\d+\\))?\nhint: its branch ex is kept; to work there again: piko create ex --branch ex\n"), said);
        assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", p.composeProject("ex")));
    }

    /**
     * Docker's "no address pool" refusal, here for IPv6 with piko's IPv6 pool off (this daemon has no
     * IPv6 pool; its IPv4 pools are never exhausted on a shared test daemon: DockerTest reads that
     * wording): one error with the count of networks and what to change, and create undone; the
     * same on a terminal (a pty), where compose draws its own progress there and piko finds the
     * refusal after the fact.
     */
    @Test
    void dockersAddressPoolRefusalIsOneErrorWithTheCountOfNetworksAndWhatToChange() throws Exception {
        try (TestProject p = TestProject.initialised("""
                services:
                  web:
                    image: piko-test/busybox:1
                    command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"]
                    ports: ["8080"]
                networks:
                  default:
                    enable_ipv6: true
                """)) {
            Run create = p.pikoAt(p.root, java.util.Map.of("PIKO_SUBNET6_POOL", "off"), "create", "e1", "-q");
            assertEquals(1, create.code(), create.describe());
            assertTrue(create.err().matches("warning: create failed; undoing what it made\nerror: network " + p.composeProject("e1")
                    + " enables IPv6, and Docker has no IPv6 address pool to give it a subnet from \\(Docker holds \\d+ networks\\)\n"
                    + "hint: piko gives it one from PIKO_SUBNET6_POOL unless that is off: unset it, or add an IPv6 range to"
                    + " \"default-address-pools\" in /etc/docker/daemon.json and restart Docker\n"), create.describe());
            CreateIT.assertNothingLeftOf(p, "e1");

            Run tty = TerminalIT.onTerminal(p, java.util.Map.of("PIKO_SUBNET6_POOL", "off"), "create", "e2");
            String said = tty.out().replace("\r\n", "\n").replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");  // colour and cursor codes
            assertEquals(1, tty.code(), tty.describe());
            assertTrue(said.contains("[+] Running"), "compose drew its progress on the terminal: " + tty.describe());
            assertTrue(said.matches("(?s).*\nerror: network " + p.composeProject("e2") + " enables IPv6, and Docker has no IPv6"
                    + " address pool to give it a subnet from \\(Docker holds \\d+ networks\\)\nhint: piko gives it one from"
                    + " PIKO_SUBNET6_POOL unless that is off: unset it, or add an IPv6 range to \"default-address-pools\" in"
                    + " /etc/docker/daemon.json and restart Docker\n.*"), tty.describe());
            assertFalse(said.contains("compose's output is above"), tty.describe());
            CreateIT.assertNothingLeftOf(p, "e2");
            assertEquals("", TestProject.docker("network", "ls", "-q", "--filter", "label=dev.piko.probe").ok().out(), "no probe left");
        }
    }
}
