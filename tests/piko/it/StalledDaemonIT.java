package piko.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A Docker daemon that accepts connections and never answers (a wedged Docker Desktop, a dead ssh
 * tunnel): every command reports it within seconds, with exit code 3 and a hint naming DOCKER_HOST,
 * and leaves everything as it was.
 */
class StalledDaemonIT extends DockerRequired {
    /** The target: a wedged daemon reported within 15 s by every command. */
    private static final long LIMIT_MS = 15_000;

    @Test
    void everyCommandReportsAStalledDaemonWithinSecondsAndChangesNothing() throws Exception {
        Path socket = Files.createTempDirectory("piko-wedge").resolve("docker.sock");
        try (TestProject p = TestProject.initialised(TestProject.WEB_AND_REDIS);
             ServerSocketChannel wedge = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            p.piko("create", "e1").ok();
            wedge.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(wedge.accept());  // accepted, never read, never answered
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> stalled = Map.of("DOCKER_HOST", "unix://" + socket);
            // up, down and destroy of e1 take e1's lock: one lane runs them in turn, the rest run beside it
            List<List<String>> locking = List.of(List.of("up", "e1"), List.of("down", "e1"), List.of("destroy", "e1", "--force"));
            List<List<String>> others = List.of(List.of("list"), List.of("status", "e1"), List.of("shared"),
                    List.of("doctor"), List.of("create", "e2"), List.of("exec", "e1", "web", "true"), List.of("share", "redis"));
            ExecutorService pool = Executors.newFixedThreadPool(4);  // each waits on the wedged socket, not on the CPU
            List<Future<List<Timed>>> runs = new ArrayList<>();
            runs.add(pool.submit(() -> {
                List<Timed> inTurn = new ArrayList<>();
                for (List<String> c : locking) {
                    inTurn.add(timed(p, stalled, c));
                }
                return inTurn;
            }));
            for (List<String> c : others) {
                runs.add(pool.submit(() -> List.of(timed(p, stalled, c))));
            }
            for (Timed t : runs.stream().flatMap(f -> join(f).stream()).toList()) {
                t.run().fails("the Docker daemon at unix://" + socket + " does not answer");
                assertEquals(3, t.run().code(), t.run().describe());
                assertTrue(t.run().err().contains("hint: DOCKER_HOST=unix://" + socket + " chooses this daemon"),
                        t.run().describe());
                assertTrue(t.ms() < LIMIT_MS, "reported after " + t.ms() + " ms: " + t.run().describe());
            }
            pool.shutdown();
            for (SocketChannel c : held) c.close();
            wedge.close();

            assertTrue(Files.isDirectory(p.worktree("e1")), "destroy removed nothing it could not finish");
            assertFalse(Files.exists(p.worktree("e2")));
            assertFalse(p.git("branch", "--list", "e2").contains("e2"), "create made nothing");
            assertTrue(p.piko("list").ok().out().lines().anyMatch(l -> l.matches("e1\\s+running.*")),
                    "e1 kept in the state, and its containers running: " + p.piko("list").out());
            assertEquals(List.of(), DockerOracle.containers("com.docker.compose.project", "piko-" + p.name + "-shared"),
                    "share started nothing");
            assertTrue(p.piko("doctor").ok().err().contains("Nothing to fix"));
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    private static Timed timed(TestProject p, Map<String, String> env, List<String> command) {
        long start = System.nanoTime();
        Run r = p.pikoAt(p.root, env, command.toArray(String[]::new));
        return new Timed(r, (System.nanoTime() - start) / 1_000_000);
    }

    private static List<Timed> join(Future<List<Timed>> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Timed(Run run, long ms) {
    }
}
