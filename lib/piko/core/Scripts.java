package piko.core;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;

/** Runs the lifecycle scripts of piko.yaml: the one place piko deliberately uses a shell. */
public final class Scripts {
    private final ProcessRunner runner;
    private final OutputStream echo;
    private final Duration timeout;

    public Scripts(ProcessRunner runner, OutputStream echo) {
        this(runner, echo, Timeouts.DEFAULTS);
    }

    public Scripts(ProcessRunner runner, OutputStream echo, Timeouts timeouts) {
        this.runner = runner;
        this.echo = echo;
        this.timeout = timeouts.scripts();
    }

    /** Runs the script in dir with the given variables; a non-zero exit is an error carrying its output. */
    public void run(String which, String script, Path dir, Map<String, String> vars) {
        Result r = runner.run(Call.of(timeout, List.of("sh", "-c", script)).timeoutSetBy("timeouts.scripts").in(dir).withEnv(vars).echoTo(echo));
        if (!r.ok()) {
            throw new PikoException("the " + which + " script failed with exit code " + r.exitCode()
                    + tail(r.output()), "fix scripts." + which + " in piko.yaml");
        }
    }

    private static String tail(String output) {
        if (output.isBlank()) return "";
        String[] lines = output.strip().split("\n");
        int from = Math.max(0, lines.length - 20);
        return ":\n" + String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
