package piko.mcp;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import piko.cli.Main;

/** Runs piko command lines in this process, one at a time, capturing their data and their talk. */
final class CommandRunner {
    /** A finished command: exit code, stdout (data) and stderr (talk, `error:` and `hint:` lines). */
    record Outcome(int code, String out, String err) {
        boolean ok() {
            return code == 0;
        }
    }

    synchronized Outcome run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }
}
