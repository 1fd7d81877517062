package piko.exec;

import java.io.IOException;
import piko.error.ExitCode;
import piko.error.PikoException;

/** What piko says when a process it runs cannot start or does not finish in time. */
public final class ProcessErrors {
    private ProcessErrors() {
    }

    public static String timeoutHint(String program, String key) {
        String raise = key == null ? "" : ", or raise " + key + " in piko.yaml (0: no limit)";
        return switch (program) {
            case "docker" -> "check that the Docker daemon is responsive (docker info)" + raise;
            case "git" -> "check the repository with git status" + raise;
            default -> "check what " + program + " waits for" + raise;
        };
    }

    /** A process that could not start: the program is missing (exit 127), or the reason. */
    static PikoException startFailed(String program, IOException e) {
        if (isMissingProgram(e)) {
            return new PikoException(program + " is not installed (not found on PATH)", installHint(program), ExitCode.MISSING_PROGRAM);
        }
        return new PikoException("could not run " + program + ": " + e.getMessage(), null, e);
    }

    static boolean isMissingProgram(IOException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains("error=2") || msg.contains("No such file or directory");
    }

    static String installHint(String program) {
        return switch (program) {
            case "git" -> "install git (for example: apt-get install git)";
            case "docker" -> "install Docker Engine with the Compose v2 plugin";
            default -> null;
        };
    }
}
