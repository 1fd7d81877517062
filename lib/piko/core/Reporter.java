package piko.core;

/** Where the domain tells the user what it did; the CLI decides how it is shown. */
public interface Reporter {
    /** Something done: shown as a check-mark line. */
    void done(String message);

    /** Something the user should know that did not stop the command. */
    void warn(String message);

    /** Plain progress information. */
    void info(String message);

    /** That the command waits for another piko process (shown apart from the command's output). */
    default void waiting(String message) {
        warn(message);
    }
}
