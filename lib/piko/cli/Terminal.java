package piko.cli;

import java.io.Console;

/** What piko's terminal can do. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when stdin and stdout are a terminal. Java 22 and later return a Console even without
     * one, and say whether it is one through isTerminal() (called reflectively: piko compiles for 17).
     */
    static boolean stdinIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
