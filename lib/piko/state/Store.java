package piko.state;

import piko.error.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import piko.core.ProjectStore;
import piko.core.SharedDeclaration;
import piko.error.PikoException;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.Project;

/**
 * piko's state in SQLite (.piko/state.db): opened, migrated, and its tables (EnvironmentRows,
 * PortRows, SharedRows) behind one entry. WAL and a busy timeout let several piko processes work
 * at once; every multi-step change runs in one IMMEDIATE transaction.
 */
public class Store implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private final Database db;
    private final EnvironmentRows environments;
    private final PortRows ports;
    private final SharedRows shared;
    private final JournalRows journal;

    private Store(Connection connection, Path file) {
        this.db = new Database(connection, file);
        this.environments = new EnvironmentRows(db);
        this.ports = new PortRows(db);
        this.shared = new SharedRows(db);
        this.journal = new JournalRows(db);
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
                store.db.stamp().ensureToken();
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
                        + " they rebuild the state from the worktrees and Docker's labels", ExitCode.FAILURE);
    }

    public int schemaVersion() {
        return db.query("PRAGMA user_version", List.of(), rs -> rs.getInt(1)).get(0);
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
                    db.update(sql, List.of());
                }
                db.update("PRAGMA user_version = " + (i + 1), List.of());
            }
            return null;
        });
    }

    /** Runs work in one IMMEDIATE transaction. */
    <T> T inTransaction(Transaction.Work<T> work) {
        return db.inTransaction(work);
    }

    // ---- project ----

    public Optional<Project> project() {
        return db.query("SELECT id, name, root, compose_file, identity FROM project ORDER BY id LIMIT 1", List.of(),
                rs -> new Project(rs.getLong(1), rs.getString(2), Path.of(rs.getString(3)), rs.getString(4), rs.getString(5)))
                .stream().findFirst();
    }

    /** Records the project unless one is already recorded; returns the recorded one and whether it is new. */
    public Optional<Project> insertProjectIfAbsent(String name, Path root, String composeFile, String identity) {
        return inTransaction(() -> {
            if (project().isPresent()) {
                return Optional.<Project>empty();
            }
            db.update("INSERT INTO project (name, root, compose_file, created_at, identity) VALUES (?, ?, ?, ?, ?)",
                    List.of(name, root.toString(), composeFile, Database.now(), identity));
            return project();
        });
    }

    /** The project folder moved: its root, and the paths of the environments that were inside it. */
    public void relocate(Project p, Path root) {
        String from = p.root().toString();
        inTransaction(() -> {
            db.update("UPDATE project SET root = ? WHERE id = ?", List.of(root.toString(), p.id()));
            for (Environment e : environments(p)) {
                String path = e.path().toString();
                if (path.startsWith(from + "/")) {
                    db.update("UPDATE environment SET path = ? WHERE id = ?", List.of(root + path.substring(from.length()), e.id()));
                }
            }
            return null;
        });
    }

    // ---- environments (EnvironmentRows) ----

    public List<Environment> environments(Project p) {
        return environments.all(p);
    }

    public Optional<Environment> environment(Project p, String name) {
        return environments.named(p, name);
    }

    /** Claims a name and a port slot for a new environment, atomically; empty when the name is taken. */
    public Optional<Environment> reserveEnvironment(Project p, String name, String branch, boolean createdBranch,
                                                    Path path, int maxSlots) {
        return environments.reserve(p, name, branch, createdBranch, path, maxSlots);
    }

    /** Records an environment found in Docker and git but not in the state (`piko doctor --fix`). */
    public Environment adoptEnvironment(Project p, String name, String branch, Path path, int slot,
                                        List<String> services, List<PortAllocation> ports) {
        return environments.adopt(p, name, branch, path, slot, services, ports);
    }

    public void updateEnvironment(Project p, String name, String phase, List<String> services, String composeHash) {
        environments.update(p, name, phase, services, composeHash);
    }

    /** Forgets an environment and its port allocations. */
    public void deleteEnvironment(Project p, String name) {
        environments.delete(p, name);
    }

    public void recordCreateStep(Project p, String name, String step) {
        environments.recordCreateStep(p, name, step);
    }

    public List<String> createSteps(Project p, String name) {
        return environments.createSteps(p, name);
    }

    // ---- journal (JournalRows) ----

    public void recordJournalStep(Project p, String command, String subject, String step) {
        journal.record(p, command, subject, step);
    }

    public void clearJournal(Project p, String command, String subject) {
        journal.clear(p, command, subject);
    }

    public List<ProjectStore.JournalEntry> journal(Project p) {
        return journal.all(p);
    }

    // ---- ports (PortRows) ----

    public List<PortAllocation> ports(Project p, String scope) {
        return ports.of(p, scope);
    }

    public List<PortAllocation> allPorts(Project p) {
        return ports.all(p);
    }

    public List<String> portScopes(Project p) {
        return ports.scopes(p);
    }

    public List<PortAllocation> assignPorts(Project p, String scope, ProjectStore.PortPlanner planner) {
        return ports.assign(p, scope, planner);
    }

    // ---- shared services (SharedRows) ----

    public List<String> sharedServices(Project p) {
        return shared.services(p);
    }

    public SharedDeclaration.Change replaceSharedServices(Project p, List<String> services, String network) {
        return shared.replace(p, services, network);
    }

    public void setSharedContainer(Project p, String service, String containerName) {
        shared.setContainer(p, service, containerName);
    }

    public void addConsumer(Project p, Environment env, List<String> services) {
        shared.addConsumer(p, env, services);
    }

    public Map<String, List<String>> consumers(Project p) {
        return shared.consumers(p);
    }

    @Override
    public void close() {
        db.close();
    }
}
