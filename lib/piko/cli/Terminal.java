package piko.cli;

import java.io.Console;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** What piko's terminal can do: show a symbol, show colour, talk to a person at stdin. */
final class Terminal {
    private Terminal() {
    }

    /** A writer on stdout or stderr that knows whether its encoding shows symbols and whether it may colour. */
    static final class Writer extends PrintWriter {
        final boolean unicode;
        final boolean colour;

        Writer(OutputStream stream, Charset charset, boolean colour) {
            super(new OutputStreamWriter(stream, charset), true);
            this.unicode = charset.newEncoder().canEncode('\u2713');
            this.colour = colour;
        }
    }

    static Writer stdout() {
        return new Writer(System.out, charset("stdout"), false);
    }

    static Writer stderr() {
        return new Writer(System.err, charset("stderr"), colourAllowed() && stderrIsTerminal());
    }

    /** True unless the writer is a terminal's whose encoding cannot show the symbol (LANG=C). */
    static boolean unicode(PrintWriter w) {
        return !(w instanceof Writer t) || t.unicode;
    }

    static String paint(PrintWriter w, String ansiColour, String text) {
        return w instanceof Writer t && t.colour ? "\u001b[" + ansiColour + "m" + text + "\u001b[0m" : text;
    }

    /** The encoding Java writes the stream in: stdout.encoding on Java 19+, the default charset before. */
    private static Charset charset(String stream) {
        String name = System.getProperty(stream + ".encoding", System.getProperty("sun." + stream + ".encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** https://no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal. */
    private static boolean colourAllowed() {
        String noColor = System.getenv("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }

    /** On Linux, stderr's file descriptor says where it goes; elsewhere assume it goes where stdout does. */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** stdout's file descriptor on Linux (a file or pipe: false); elsewhere whether stdin and stdout are a terminal. */
    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    private static boolean isTerminal(int descriptor) {
        Path fd = Path.of("/proc/self/fd/" + descriptor);
        if (Files.isSymbolicLink(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return stdinIsTerminal();
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
