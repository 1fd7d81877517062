package piko.error;

/** The one error type shown to users: a message, an optional hint, and the process exit code. */
public class PikoException extends RuntimeException {
    private final String hint;
    private final ExitCode exitCode;

    public PikoException(String message) {
        this(message, null, ExitCode.FAILURE);
    }

    public PikoException(String message, String hint) {
        this(message, hint, ExitCode.FAILURE);
    }

    public PikoException(String message, String hint, ExitCode exitCode) {
        super(message);
        this.hint = hint;
        this.exitCode = exitCode;
    }

    public PikoException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.exitCode = ExitCode.FAILURE;
    }

    public String hint() {
        return hint;
    }

    /** The exit code, as the process returns it. */
    public int exitCode() {
        return exitCode.code();
    }

    public ExitCode code() {
        return exitCode;
    }
}
