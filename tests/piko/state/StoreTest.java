package piko.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.core.PortPlan;
import piko.model.Environment;
import piko.model.PortRequest;
import piko.model.Project;

class StoreTest {
    @TempDir
    Path dir;

    private Project project(Store s) {
        s.insertProjectIfAbsent("demo", dir, "compose.yaml", "0123456789abcdef");
        return s.project().orElseThrow();
    }

    @Test
    void migratesToTheLatestSchemaOnce() {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            assertEquals(Migrations.latest(), s.schemaVersion());
        }
        try (Store again = Store.open(dir.resolve("state.db"))) {
            assertEquals(Migrations.latest(), again.schemaVersion());
        }
    }

    @Test
    void migratesAVersionOneDatabaseAndKeepsItsRows() throws Exception {
        Path file = dir.resolve("v1.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement st = c.createStatement()) {
            for (String sql : Migrations.STEPS.get(0)) st.execute(sql);
            st.execute("PRAGMA user_version = 1");
            st.execute("INSERT INTO project (name, root, compose_file, created_at) VALUES ('old', '/r', 'compose.yaml', 'then')");
        }
        try (Store s = Store.open(file)) {
            assertEquals(Migrations.latest(), s.schemaVersion());
            assertEquals("old", s.project().orElseThrow().name());
            assertEquals(List.of(), s.sharedServices(s.project().orElseThrow()));
            assertTrue(s.project().orElseThrow().identity().matches("[0-9a-f]{16}"), "a project from before identities gets one");
        }
    }

    @Test
    void refusesADatabaseFromANewerPiko() throws Exception {
        Path file = dir.resolve("future.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        piko.error.PikoException e = org.junit.jupiter.api.Assertions.assertThrows(piko.error.PikoException.class,
                () -> Store.open(file));
        assertTrue(e.getMessage().contains("newer piko"), e.getMessage());
    }

    @Test
    void recordsTheProjectOnlyOnce() {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            assertTrue(s.insertProjectIfAbsent("demo", dir, "compose.yaml", "0123456789abcdef").isPresent());
            assertTrue(s.insertProjectIfAbsent("demo", dir, "compose.yaml", "0123456789abcdef").isEmpty());
        }
    }

    @Test
    void concurrentReservationsOfOneNameLetExactlyOneWin() throws Exception {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            project(s);
        }
        List<Optional<Environment>> results = race(8, i -> {
            try (Store s = Store.open(dir.resolve("state.db"))) {
                Project p = s.project().orElseThrow();
                return s.reserveEnvironment(p, "same", "same", true, dir.resolve("w"), 50);
            }
        });
        assertEquals(1, results.stream().filter(Optional::isPresent).count());
    }

    @Test
    void concurrentReservationsOfDifferentNamesGetDistinctSlotsAndPorts() throws Exception {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            project(s);
        }
        List<Integer> ports = race(6, i -> {
            try (Store s = Store.open(dir.resolve("state.db"))) {
                Project p = s.project().orElseThrow();
                Environment e = s.reserveEnvironment(p, "env" + i, "env" + i, true, dir.resolve("w" + i), 50).orElseThrow();
                PortPlan plan = new PortPlan(10000, 100, e.slot());
                return s.assignPorts(p, e.name(), (existing, taken) -> plan.allocate(e.name(),
                        List.of(new PortRequest("db", 5432, "tcp")), existing, taken, port -> true)).get(0).hostPort();
            }
        });
        assertEquals(6, new HashSet<>(ports).size(), ports.toString());
    }

    @Test
    void portAssignmentsAreStableAndDeletedWithTheEnvironment() {
        try (Store s = Store.open(dir.resolve("state.db"))) {
            Project p = project(s);
            Environment e = s.reserveEnvironment(p, "a", "a", true, dir, 50).orElseThrow();
            PortPlan plan = new PortPlan(10000, 100, e.slot());
            piko.core.ProjectStore.PortPlanner planner = (existing, taken) -> plan.allocate("a",
                    List.of(new PortRequest("db", 5432, "tcp")), existing, taken, port -> true);
            int first = s.assignPorts(p, "a", planner).get(0).hostPort();
            assertEquals(first, s.assignPorts(p, "a", planner).get(0).hostPort());
            s.deleteEnvironment(p, "a");
            assertEquals(List.of(), s.ports(p, "a"));
            assertTrue(s.environment(p, "a").isEmpty());
        }
    }

    private interface Job<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> race(int n, Job<T> job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> job.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
