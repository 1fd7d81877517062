package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * A real piko process stopped by a real signal while create runs its setup script. Ctrl-C (SIGINT to
 * the whole process group, as a terminal sends it) and SIGTERM: create undoes everything itself.
 * SIGKILL: the environment stays, listed as broken, and destroy --volumes removes all of it, including
 * the volume and the branch create made. Either way `piko create <same name>` works again.
 */
class InterruptIT extends DockerRequired {
    /** The first setup sleeps until the signal comes; later ones (after .second exists) do not. */
    private static final String SETUP = "scripts:\n  setup: echo setup-started; [ -f \"$PIKO_ROOT/.second\" ] || sleep 120\n";

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "KILL"})
    void aSignalDuringCreateLeavesNothingOrAnEnvironmentDestroyRemoves(String signal) throws Exception {
        try (TestProject p = TestProject.withCompose(TestProject.WEB_AND_REDIS)) {
            p.pikoYaml(SETUP);
            p.commit("setup script");
            p.piko("init").ok();

            List<String> output = new ArrayList<>();
            Process piko = OwnProcessGroup.start(p, output, OwnProcessGroup.said("setup-started"), "create", "k");
            TestProject.exec(p.root, Map.of(), List.of("kill", "-" + signal, "--", "-" + piko.pid())).ok();
            piko.waitFor();
            String said = String.join("\n", output);

            if (signal.equals("KILL")) {
                List<Map<String, Object>> listed = new Yaml().load(p.piko("list", "--json").ok().out());
                assertEquals("broken", listed.get(0).get("status"), listed.toString());
                assertFalse(DockerOracle.volumesOfProject(p.composeProject("k")).isEmpty(), "the create got as far as volumes");
                Run destroy = p.piko("destroy", "k", "--volumes").ok();  // volumes go only with --volumes, as for any environment
                assertTrue(destroy.err().contains("Removed worktree .piko/worktrees/k and branch k"), destroy.describe());
            } else {
                assertEquals(signal.equals("INT") ? 130 : 143, piko.exitValue(), said);
                // Ctrl-C reaches the setup script too (one process group): when its death is seen before
                // the signal handler has run, the undo starts as a failed step's; it ends the same way.
                assertTrue(said.contains("interrupted (SIG" + signal + "); undoing what create made")
                        || said.contains("create failed; undoing what it made"), said);
                assertTrue(said.contains("error: interrupted by SIG" + signal), said);
                assertFalse(said.contains("could not"), "every undo step worked:\n" + said);
            }

            assertEquals(List.of(), DockerOracle.containers("dev.piko.environment", "k").stream()  // other test runs have a k too
                    .filter(c -> p.name.equals(c.getLabels().get("dev.piko.project"))).toList(), said);
            assertFalse(DockerOracle.networkExists(p.composeProject("k")), said);
            assertEquals(List.of(), DockerOracle.volumesOfProject(p.composeProject("k")), said);
            assertFalse(p.git("worktree", "list").contains(".piko/worktrees/k"), said);
            assertEquals("", p.git("branch", "--list", "k").strip(), "the branch create made is gone");
            assertEquals(List.of(), new Yaml().load(p.piko("list", "--json").ok().out()));

            Files.writeString(p.root.resolve(".second"), "");
            p.piko("create", "k").ok();
            assertEquals("running", ((Map<?, ?>) ((List<?>) new Yaml().load(p.piko("list", "--json").ok().out())).get(0))
                    .get("status"));
            p.piko("destroy", "k", "--volumes").ok();
        }
    }
}
