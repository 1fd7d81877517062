package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One finished piko process. */
record Run(String command, int code, String out, String err) {
    Run ok() {
        assertEquals(0, code, this::describe);
        return this;
    }

    /** A failure the way users must see it: non-zero exit, an `error:` line, no stack trace. */
    Run fails(String messagePart) {
        assertNotEquals(0, code, this::describe);
        assertTrue(err.lines().anyMatch(l -> l.startsWith("error: ")), this::describe);
        assertTrue(err.contains(messagePart), () -> "expected '" + messagePart + "' in stderr\n" + describe());
        assertFalse(err.contains("\tat ") || err.contains("Exception"), this::describe);
        return this;
    }

    String describe() {
        return "piko " + command + "\nexit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
