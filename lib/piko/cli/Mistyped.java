package piko.cli;

import piko.error.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A command line piko cannot read: one `error:` line, and a hint naming what was probably meant. */
final class Mistyped {
    private Mistyped() {
    }

    static int report(ParameterException e, String errorLabel) {
        CommandLine where = e.getCommandLine();
        PrintWriter to = where.getErr();
        String name = where.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        List<String> suggestions = List.of();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            // picocli orders them by likeness: the first is what was meant
            suggestions = u.getSuggestions().stream().filter(s -> !s.startsWith("__")).limit(1).toList();
            if (where.getParent() == null && !first.startsWith("-")) {
                message = "unknown command '" + first + "'";
            } else if (first.startsWith("-")) {
                message = "unknown option '" + first + "' of " + name;
            }
        }
        to.println(errorLabel + " " + message);
        String hint;
        if (suggestions.isEmpty()) {
            hint = "see: " + name + " --help";
        } else if (suggestions.get(0).startsWith("-")) {
            hint = "did you mean " + suggestions.get(0) + "? (see: " + name + " --help)";
        } else {
            hint = "did you mean: " + name + " " + suggestions.get(0) + "?";
        }
        to.println("hint: " + hint);
        to.flush();
        return ExitCode.USAGE.code();
    }
}
