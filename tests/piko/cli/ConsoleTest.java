package piko.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String said() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCheckMarkOnlyWhereTheEncodingShowsIt() {
        new Console(new Terminal.Writer(bytes, StandardCharsets.UTF_8, false), false).done("Started x");
        new Console(new Terminal.Writer(bytes, StandardCharsets.US_ASCII, false), false).done("Started y");
        assertEquals("\u2713 Started x\n* Started y\n", said());
    }

    @Test
    void colourOnlyWhenTheWriterMayColour() {
        new Console(new Terminal.Writer(bytes, StandardCharsets.UTF_8, true), false).warn("w");
        new Console(new Terminal.Writer(bytes, StandardCharsets.UTF_8, false), false).warn("w");
        assertEquals("\u001b[33mwarning:\u001b[0m w\nwarning: w\n", said());
    }

    @Test
    void quietDropsProgressButNotWarnings() {
        Console quiet = new Console(new Terminal.Writer(bytes, StandardCharsets.UTF_8, false), true);
        quiet.done("Started x");
        quiet.info("Next: this");
        quiet.warn("careful");
        assertEquals("warning: careful\n", said());
    }
}
