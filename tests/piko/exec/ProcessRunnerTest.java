package piko.exec;

import piko.error.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Call;


/** Long work is not killed by a clock, but by a watch that sees what it waits for stop answering. */
class ProcessRunnerTest {
    @Test
    void aWatchedProcessRunsPastManyChecksWhileTheWatchIsAnswered() {
        AtomicInteger checks = new AtomicInteger();
        Watch w = new Watch(Duration.ofMillis(50), 2, () -> checks.incrementAndGet() > 0, new PikoException("hang"));
        ProcessRunner.Result r = new ProcessRunner().run(Call.of(null, List.of("sh", "-c", "sleep 1; echo done")).watchedBy(w));
        assertEquals("done", r.stdout().strip());
        assertTrue(checks.get() >= 2, "checked " + checks.get() + " times");
    }

    @Test
    void aWatchedProcessIsStoppedAfterTheWatchMissesInARow() {
        AtomicInteger checks = new AtomicInteger();
        Watch w = new Watch(Duration.ofMillis(50), 3, () -> checks.incrementAndGet() < 0, new PikoException("daemon gone"));
        PikoException e = assertThrows(PikoException.class,
                () -> new ProcessRunner().run(Call.of(null, List.of("sleep", "600")).watchedBy(w)));
        assertEquals("daemon gone", e.getMessage());
        assertEquals(3, checks.get());
    }

    @Test
    void aTimeoutNamesTheToolAndThePikoYamlKey() {
        PikoException e = assertThrows(PikoException.class, () -> new ProcessRunner().run(
                Call.of(Duration.ofMillis(200), List.of("sleep", "600")).timeoutSetBy("timeouts.scripts")));
        assertTrue(e.getMessage().startsWith("'sleep 600' did not finish within"), e.getMessage());
        assertTrue(e.hint().contains("what sleep waits for") && e.hint().contains("timeouts.scripts"), e.hint());
    }

    @Test
    void aQuickProcessNeverMeetsItsWatch() {
        AtomicInteger checks = new AtomicInteger();
        Watch w = new Watch(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, () -> checks.incrementAndGet() > 0,
                () -> new PikoException("hang"));
        new ProcessRunner().run(Call.of(null, List.of("true")).watchedBy(w));
        assertEquals(0, checks.get());
    }

    @Test
    void afterAWatchGaveUpTheProgramIsNotStartedAgainInThatRun() {
        ProcessRunner runner = new ProcessRunner();
        Watch w = new Watch(Duration.ofMillis(50), 1, () -> false, new PikoException("daemon gone", "check it", piko.error.ExitCode.UNAVAILABLE));
        assertThrows(PikoException.class, () -> runner.run(Call.of(null, List.of("sleep", "600")).watchedBy(w)));
        long start = System.nanoTime();
        PikoException again = assertThrows(PikoException.class, () -> runner.run(Call.of(null, List.of("sleep", "5"))));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "failed at once");
        assertEquals("daemon gone", again.getMessage());
        assertEquals(3, again.exitCode());
        assertEquals(1, runner.spawnedCounts().get("sleep"), "the second sleep never started");
        assertEquals("ok", runner.run(Call.of(null, List.of("sh", "-c", "echo ok"))).stdout().strip(), "other programs still run");
    }
}
