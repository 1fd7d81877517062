package piko.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import piko.core.ProjectStore;
import piko.error.PikoException;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.PortRequest;
import piko.model.Project;

/**
 * piko's state in SQLite (.piko/state.db). The only place with SQL. WAL and a busy timeout let
 * several piko processes work at once; every multi-step change runs in one IMMEDIATE transaction.
 */
public class Store implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private final Connection db;
    private final StateStamp stamp;

    private Store(Connection db, Path file) {
        this.db = db;
        this.stamp = new StateStamp(file);
    }

    public static Store open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = NativeSqlite.connect(file, config.toProperties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            Store store = new Store(c, file);
            try {
                store.migrate();
                store.stamp.ensureToken();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (PikoException e) {
            throw corrupt(e) ? corruptError(file) : e;
        } catch (Exception e) {
            if (corrupt(e)) {
                throw corruptError(file);
            }
            throw new PikoException("cannot open the state database " + file + ": " + e.getMessage(),
                    "check that .piko/ is writable", e);
        }
    }

    /** SQLite's answers for a file that is not (or no longer) a sound database. */
    private static boolean corrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_NOTADB") || m.contains("SQLITE_CORRUPT") || m.contains("file is not a database")) {
                return true;
            }
        }
        return false;
    }

    private static PikoException corruptError(Path file) {
        return new PikoException("the state database " + file + " is corrupt (SQLite says it is not a sound database)",
                "move it aside (mv " + file + " " + file + ".corrupt), then run piko init and piko doctor --fix:"
                        + " they rebuild the state from the worktrees and Docker's labels", 1);
    }

    public int schemaVersion() {
        return query("PRAGMA user_version", List.of(), rs -> rs.getInt(1)).get(0);
    }

    private void migrate() {
        int found = schemaVersion();
        if (found > Migrations.latest()) {
            throw new PikoException("the state database was written by a newer piko (schema " + found
                    + ", this piko knows " + Migrations.latest() + ")", "upgrade piko");
        }
        if (found == Migrations.latest()) {
            return;
        }
        inTransaction(() -> {
            int version = schemaVersion();  // another piko may have migrated meanwhile
            for (int i = version; i < Migrations.latest(); i++) {
                for (String sql : Migrations.STEPS.get(i)) {
                    update(sql, List.of());
                }
                update("PRAGMA user_version = " + (i + 1), List.of());
            }
            return null;
        });
    }

    // ---- project ----

    public Optional<Project> project() {
        return query("SELECT id, name, root, compose_file, identity FROM project ORDER BY id LIMIT 1", List.of(),
                rs -> new Project(rs.getLong(1), rs.getString(2), Path.of(rs.getString(3)), rs.getString(4), rs.getString(5)))
                .stream().findFirst();
    }

    /** Records the project unless one is already recorded; returns the recorded one and whether it is new. */
    public Optional<Project> insertProjectIfAbsent(String name, Path root, String composeFile, String identity) {
        return inTransaction(() -> {
            if (project().isPresent()) {
                return Optional.<Project>empty();
            }
            update("INSERT INTO project (name, root, compose_file, created_at, identity) VALUES (?, ?, ?, ?, ?)",
                    List.of(name, root.toString(), composeFile, now(), identity));
            return project();
        });
    }

    /** The project folder moved: its root, and the paths of the environments that were inside it. */
    public void relocate(Project p, Path root) {
        String from = p.root().toString();
        inTransaction(() -> {
            update("UPDATE project SET root = ? WHERE id = ?", List.of(root.toString(), p.id()));
            for (Environment e : environments(p)) {
                String path = e.path().toString();
                if (path.startsWith(from + "/")) {
                    update("UPDATE environment SET path = ? WHERE id = ?", List.of(root + path.substring(from.length()), e.id()));
                }
            }
            return null;
        });
    }

    // ---- environments ----

    public List<Environment> environments(Project p) {
        return query(ENV_SELECT + " WHERE project_id = ? ORDER BY name", List.of(p.id()), Store::environment);
    }

    public Optional<Environment> environment(Project p, String name) {
        return query(ENV_SELECT + " WHERE project_id = ? AND name = ?", List.of(p.id(), name), Store::environment)
                .stream().findFirst();
    }

    /**
     * Claims a name and a port slot for a new environment, atomically: of two processes creating the
     * same name, exactly one gets the row; the other gets empty.
     */
    public Optional<Environment> reserveEnvironment(Project p, String name, String branch, boolean createdBranch,
                                                    Path path, int maxSlots) {
        return inTransaction(() -> {
            if (environment(p, name).isPresent()) {
                return Optional.<Environment>empty();
            }
            Set<Integer> slots = new HashSet<>(query("SELECT slot FROM environment WHERE project_id = ?",
                    List.of(p.id()), rs -> rs.getInt(1)));
            int slot = 1;
            while (slots.contains(slot)) slot++;
            if (slot >= maxSlots) {
                throw new PikoException("no port block left for another environment",
                        "destroy an environment, or lower ports.block / ports.base in piko.yaml");
            }
            update("INSERT INTO environment (project_id, name, branch, created_branch, path, slot, phase, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    List.of(p.id(), name, branch, createdBranch ? 1 : 0, path.toString(), slot, Environment.CREATING, now()));
            return environment(p, name);
        });
    }

    /**
     * Records an environment found in Docker and git but not in the state (`piko doctor --fix`), as
     * ready, with the slot it had when that is free (else the first free one), and these ports.
     * Its branch counts as not made by piko, so destroy keeps it.
     */
    public Environment adoptEnvironment(Project p, String name, String branch, Path path, int slot,
                                        List<String> services, List<PortAllocation> ports) {
        return inTransaction(() -> {
            Set<Integer> slots = new HashSet<>(query("SELECT slot FROM environment WHERE project_id = ?",
                    List.of(p.id()), rs -> rs.getInt(1)));
            int free = slot >= 1 && !slots.contains(slot) ? slot : 1;
            while (slots.contains(free)) free++;
            update("INSERT INTO environment (project_id, name, branch, created_branch, path, slot, phase, services, created_at)"
                            + " VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)",
                    List.of(p.id(), name, branch, path.toString(), free, Environment.READY, String.join(",", services), now()));
            Set<Integer> taken = new HashSet<>(query("SELECT host_port FROM port_allocation WHERE project_id = ?",
                    List.of(p.id()), rs -> rs.getInt(1)));
            for (PortAllocation a : ports) {
                if (taken.add(a.hostPort())) {
                    update("INSERT INTO port_allocation (project_id, scope, service, target, protocol, host_port)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", List.of(p.id(), name, a.service(), a.target(), a.protocol(), a.hostPort()));
                }
            }
            return environment(p, name).orElseThrow();
        });
    }

    public void updateEnvironment(Project p, String name, String phase, List<String> services, String composeHash) {
        update("UPDATE environment SET phase = ?, services = ?, compose_hash = ? WHERE project_id = ? AND name = ?",
                List.of(phase, String.join(",", services), composeHash, p.id(), name));
    }

    /** Forgets an environment and its port allocations. */
    public void deleteEnvironment(Project p, String name) {
        inTransaction(() -> {
            update("DELETE FROM port_allocation WHERE project_id = ? AND scope = ?", List.of(p.id(), name));
            update("DELETE FROM environment WHERE project_id = ? AND name = ?", List.of(p.id(), name));
            return null;
        });
    }

    /** Writes down that create is about to take a step (journal for crash recovery). */
    public void recordCreateStep(Project p, String name, String step) {
        update("INSERT INTO create_step (environment_id, seq, step) SELECT e.id,"
                        + " (SELECT COUNT(*) FROM create_step s WHERE s.environment_id = e.id), ?"
                        + " FROM environment e WHERE e.project_id = ? AND e.name = ?",
                List.of(step, p.id(), name));
    }

    /** The steps an environment's create recorded, in the order it took them. */
    public List<String> createSteps(Project p, String name) {
        return query("SELECT s.step FROM create_step s JOIN environment e ON e.id = s.environment_id"
                + " WHERE e.project_id = ? AND e.name = ? ORDER BY s.seq", List.of(p.id(), name), rs -> rs.getString(1));
    }

    // ---- ports ----

    public List<PortAllocation> ports(Project p, String scope) {
        return query("SELECT scope, service, target, protocol, host_port FROM port_allocation"
                        + " WHERE project_id = ? AND scope = ? ORDER BY service, target, protocol",
                List.of(p.id(), scope), Store::port);
    }

    public List<PortAllocation> allPorts(Project p) {
        return query("SELECT scope, service, target, protocol, host_port FROM port_allocation"
                + " WHERE project_id = ? ORDER BY scope, service, target, protocol", List.of(p.id()), Store::port);
    }

    /** The scopes (environments, shared) that hold ports now. */
    public List<String> portScopes(Project p) {
        return query("SELECT DISTINCT scope FROM port_allocation WHERE project_id = ?", List.of(p.id()), rs -> rs.getString(1));
    }


    /** Replaces a scope's allocations with the planner's answer, in one transaction. */
    public List<PortAllocation> assignPorts(Project p, String scope, ProjectStore.PortPlanner planner) {
        return inTransaction(() -> {
            Map<PortRequest, Integer> existing = new HashMap<>();
            for (PortAllocation a : ports(p, scope)) {
                existing.put(a.request(), a.hostPort());
            }
            Set<Integer> taken = new HashSet<>(query(
                    "SELECT host_port FROM port_allocation WHERE project_id = ? AND scope <> ?",
                    List.of(p.id(), scope), rs -> rs.getInt(1)));
            List<PortAllocation> planned = planner.plan(existing, taken);
            update("DELETE FROM port_allocation WHERE project_id = ? AND scope = ?", List.of(p.id(), scope));
            for (PortAllocation a : planned) {
                update("INSERT INTO port_allocation (project_id, scope, service, target, protocol, host_port)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        List.of(p.id(), scope, a.service(), a.target(), a.protocol(), a.hostPort()));
            }
            return planned;
        });
    }

    // ---- shared services ----

    /** Services marked shared, by name. */
    public List<String> sharedServices(Project p) {
        return query("SELECT service_name FROM shared_services WHERE project_id = ? ORDER BY service_name",
                List.of(p.id()), rs -> rs.getString(1));
    }

    /** Makes the table hold exactly the given services; returns {added, removed}. */
    public List<List<String>> replaceSharedServices(Project p, List<String> services, String network) {
        List<String> now = sharedServices(p);
        if (now.size() == services.size() && now.containsAll(services)) {
            return List.of(List.of(), List.of());  // in sync: no write transaction on every command
        }
        return inTransaction(() -> {
            List<String> before = sharedServices(p);
            List<String> added = services.stream().filter(s -> !before.contains(s)).sorted().toList();
            List<String> removed = before.stream().filter(s -> !services.contains(s)).toList();
            for (String s : added) {
                update("INSERT INTO shared_services (project_id, service_name, network) VALUES (?, ?, ?)",
                        List.of(p.id(), s, network));
            }
            for (String s : removed) {
                update("DELETE FROM shared_services WHERE project_id = ? AND service_name = ?", List.of(p.id(), s));
            }
            return List.of(added, removed);
        });
    }

    public void setSharedContainer(Project p, String service, String containerName) {
        update("UPDATE shared_services SET container_name = ? WHERE project_id = ? AND service_name = ?",
                List.of(containerName, p.id(), service));
    }

    /** Records that an environment uses the shared instance of each service. */
    public void addConsumer(Project p, Environment env, List<String> services) {
        inTransaction(() -> {
            for (String s : services) {
                update("INSERT OR IGNORE INTO shared_consumers (project_id, service_name, environment_id) VALUES (?, ?, ?)",
                        List.of(p.id(), s, env.id()));
            }
            return null;
        });
    }

    /** Shared services each environment uses: environment name to service names. */
    public Map<String, List<String>> consumers(Project p) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String[] row : query("SELECT e.name, c.service_name FROM shared_consumers c"
                        + " JOIN environment e ON e.id = c.environment_id WHERE c.project_id = ? ORDER BY e.name, c.service_name",
                List.of(p.id()), rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        return out;
    }

    // ---- plumbing ----

    private static final String ENV_SELECT = "SELECT id, name, branch, created_branch, path, slot, phase, services,"
            + " compose_hash, created_at FROM environment";

    private static Environment environment(ResultSet rs) throws SQLException {
        String services = rs.getString(8);
        return new Environment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                Path.of(rs.getString(5)), rs.getInt(6), rs.getString(7),
                services.isEmpty() ? List.of() : Arrays.asList(services.split(",")), rs.getString(9), rs.getString(10));
    }

    private static PortAllocation port(ResultSet rs) throws SQLException {
        return new PortAllocation(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs work in one IMMEDIATE transaction (the write lock is taken up front, so no upgrade deadlocks). */
    synchronized <T> T inTransaction(Transaction.Work<T> work) {
        try {
            if (!db.getAutoCommit()) {
                return work.run();
            }
            stamp.writing();
            try {
                return Transaction.run(db, work);
            } finally {
                stamp.written();
            }
        } catch (SQLException e) {
            throw new PikoException("state database error: " + e.getMessage(), null, e);
        }
    }

    private <T> List<T> query(String sql, List<Object> params, Row<T> row) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.read(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new PikoException("state database error: " + e.getMessage(), null, e);
        }
    }

    private int update(String sql, List<Object> params) {
        return inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing at exit: nothing left to protect
        }
    }
}
