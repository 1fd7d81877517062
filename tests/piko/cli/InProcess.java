package piko.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import piko.exec.ProcessRunner;

/** piko run in the test's own JVM, as if started in a folder, with Docker played by a runner. */
final class InProcess {
    /** What a command line gave: its exit code, stdout and stderr. */
    record Outcome(int code, String out, String err) {
        String describe() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private InProcess() {
    }

    static Outcome piko(Path cwd, ProcessRunner runner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(runner, cwd, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static Outcome piko(Path cwd, ProcessRunner runner, List<String> args) {
        return piko(cwd, runner, args.toArray(String[]::new));
    }
}
