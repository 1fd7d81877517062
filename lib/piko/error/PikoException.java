package piko.error;

/** The one error type shown to users: a message, an optional hint, and the process exit code. */
public class PikoException extends RuntimeException {
    private final String hint;
    private final int exitCode;

    public PikoException(String message) {
        this(message, null, 1);
    }

    public PikoException(String message, String hint) {
        this(message, hint, 1);
    }

    public PikoException(String message, String hint, int exitCode) {
        super(message);
        this.hint = hint;
        this.exitCode = exitCode;
    }

    public PikoException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.exitCode = 1;
    }

    public String hint() {
        return hint;
    }

    public int exitCode() {
        return exitCode;
    }
}
