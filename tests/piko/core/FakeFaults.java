package piko.core;

import java.util.ArrayList;
import java.util.List;
import piko.error.PikoException;

/**
 * The calls a fake received, and the faults planned for them: a call that fails (as Docker words
 * it), one that kills piko (an Error nothing catches), an action run at a call (a signal arriving).
 */
final class FakeFaults {
    final List<String> calls = new ArrayList<>();
    private String failOp;
    private int failAt;
    private String failMessage;
    private int seen;
    private String crashOp;
    private int crashAt = 1;
    private int crashSeen;
    private String beforeOp;
    private int beforeAt = 1;
    private int beforeSeen;
    private Runnable before = () -> { };

    void fail(String op, int n, String message) {
        failOp = op;
        failAt = n;
        failMessage = message;
        seen = 0;
    }

    void crash(String op, int n) {
        crashOp = op;
        crashAt = n;
        crashSeen = 0;
    }

    void before(String op, int n, Runnable action) {
        beforeOp = op;
        beforeAt = n;
        beforeSeen = 0;
        before = action;
    }

    /** Records a call, then runs what was planned for it. */
    void call(String op, String detail) {
        calls.add(op + " " + detail);
        if (op.equals(beforeOp) && ++beforeSeen >= beforeAt) {
            beforeOp = null;
            before.run();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new PikoException("interrupted while running docker");  // as ProcessRunner does
        }
        if (op.equals(crashOp) && ++crashSeen >= crashAt) {
            throw new FakeDocker.Crash();
        }
        if (op.equals(failOp) && ++seen == failAt) {
            throw new PikoException(failMessage);
        }
    }
}
