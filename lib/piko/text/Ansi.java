package piko.text;

import java.util.regex.Pattern;

/** Terminal control sequences (colours, ESC[2K erasing a line), which compose writes even into a pipe. */
public final class Ansi {
    private static final Pattern CONTROL = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private Ansi() {
    }

    public static String strip(String text) {
        return text.indexOf('\u001b') < 0 ? text : CONTROL.matcher(text).replaceAll("");
    }
}
