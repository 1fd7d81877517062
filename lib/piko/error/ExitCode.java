package piko.error;

/** piko's exit codes: the process's status for each kind of outcome (see README, Commands). */
public enum ExitCode {
    OK(0),
    /** The command failed (or, for doctor, something is left to repair). */
    FAILURE(1),
    /** The command line was wrong: an unknown option, a missing or invalid argument, a name taken. */
    USAGE(2),
    /** Docker or Compose is not usable: the daemon is down or hangs, compose is missing or too old. */
    UNAVAILABLE(3),
    /** An error piko did not expect (a bug): BSD's EX_SOFTWARE. */
    SOFTWARE(70),
    /** A program piko runs (docker, git) is not installed: the shell's "command not found". */
    MISSING_PROGRAM(127),
    /** Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it. */
    INTERRUPTED(130),
    /** Stopped by SIGTERM: 128 + 15. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
