package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The completion scripts, in a real bash: commands, options, and names from the state. */
class CompletionIT extends DockerRequired {
    /** A directory with a `piko` on it that runs this build, as the scripts call piko by name. */
    static Path pikoOnPath(TestProject p) throws Exception {
        Path bin = Files.createDirectories(p.root.resolve(".piko/test-bin"));
        StringBuilder line = new StringBuilder("#!/bin/sh\nexec");
        for (String word : TestProject.pikoCommand()) {
            line.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        Path piko = bin.resolve("piko");
        Files.writeString(piko, line + " \"$@\"\n");
        piko.toFile().setExecutable(true);
        return bin;
    }

    /** What bash's completion function offers for a command line (the last word is completed). */
    static List<String> complete(TestProject p, Path bin, String... words) {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append("'");
        }
        String script = "source <(piko completion bash) || exit 9\n"
                + "COMP_WORDS=(piko" + array + "); COMP_CWORD=" + words.length + "\n"
                + "_piko; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Run r = TestProject.exec(p.root, Map.of("PATH", bin + ":" + System.getenv("PATH")), List.of("bash", "-c", script));
        assertEquals(0, r.code(), r.describe());
        return r.out().lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void bashCompletesCommandsOptionsAndEnvironmentAndServiceNames() throws Exception {
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS)) {
            Path script = p.root.resolve(".piko/piko.bash");
            Files.writeString(script, p.piko("completion", "bash").ok().out());
            assertEquals(0, TestProject.exec(p.root, Map.of(), List.of("bash", "-n", script.toString())).code());
            assertTrue(p.piko("completion", "zsh").ok().out().contains("compdef _piko piko"));
            assertTrue(p.piko("completion", "fish").ok().out().contains("complete -c piko"));
            p.piko("completion", "tcsh").fails("no completion for shell 'tcsh'");

            p.piko("create", "alpha").ok();
            p.piko("create", "beta").ok();
            Path bin = pikoOnPath(p);
            assertEquals(List.of("alpha"), complete(p, bin, "status", "al"));
            assertEquals(List.of("alpha", "beta"), complete(p, bin, "destroy", ""));
            assertEquals(List.of("redis", "web"), complete(p, bin, "restart", "beta", ""));
            assertEquals(List.of("share", "shared"), complete(p, bin, "sha"));
            assertEquals(List.of("completion", "compose"), complete(p, bin, "comp"));
            assertEquals(List.of("--json"), complete(p, bin, "list", "--j"));

            // through the clone's ./jbang, which drops an empty argument: the empty word being
            // completed still reaches piko, as --current=
            Path repo = Path.of(System.getProperty("user.dir"));
            Path viaJbang = Files.createDirectories(p.root.resolve(".piko/test-bin-jbang"));
            Path piko = viaJbang.resolve("piko");
            Files.writeString(piko, "#!/bin/sh\nexec '" + repo.resolve("jbang") + "' '" + repo.resolve("piko.java") + "' \"$@\"\n");
            piko.toFile().setExecutable(true);
            assertEquals(List.of("alpha", "beta"), complete(p, viaJbang, "destroy", ""));
            assertEquals(List.of("redis", "web"), complete(p, viaJbang, "restart", "beta", ""));
        }
    }
}
