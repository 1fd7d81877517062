package piko.core;

/** Where the domain tells the user what it did; the CLI decides how it is shown. */
public interface Reporter {
    /** Something done: shown as a check-mark line. */
    void done(String message);

    /** Something the user should know that did not stop the command. */
    void warn(String message);

    /** Plain progress information. */
    void info(String message);
}
