package piko.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import piko.error.PikoException;
import piko.model.PortAllocation;

/**
 * The host ports every piko project of this user holds, so that two projects never plan the same
 * port: a SQLite file under the user's home (PIKO_MACHINE_DB overrides it), with the state's
 * discipline: WAL, a busy timeout, one IMMEDIATE transaction per claim.
 */
public final class MachinePorts implements AutoCloseable {
    public static final String ENV = "PIKO_MACHINE_DB";
    private final Connection db;

    private MachinePorts(Connection db) {
        this.db = db;
    }

    /** Where the unit tests' JVM keeps its own record (set by tests/PikoTests.java), apart from the user's. */
    public static final String PROPERTY = "piko.machine.db";

    /** $PIKO_MACHINE_DB, else $XDG_STATE_HOME/piko/machine.db, else ~/.local/state/piko/machine.db. */
    public static Path defaultFile() {
        String forTests = System.getProperty(PROPERTY);
        if (forTests != null && !forTests.isBlank()) {
            return Path.of(forTests);
        }
        String override = System.getenv(ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("piko").resolve("machine.db");
    }

    public static MachinePorts open(Path file) {
        return new MachinePorts(MachineRecord.open(file, "CREATE TABLE IF NOT EXISTS host_port (port INTEGER PRIMARY KEY,"
                + " project_root TEXT NOT NULL, scope TEXT NOT NULL)"));
    }

    /**
     * In one transaction: drops the claims of projects that no longer exist and of this project's
     * scopes that hold no ports any more, hands plan the ports other projects hold, and records
     * what it returns as this scope's claim.
     */
    public List<PortAllocation> claim(Path root, String scope, Collection<String> liveScopes,
                                      Function<Set<Integer>, List<PortAllocation>> plan) {
        String me = root.toString();
        try {
            return Transaction.run(db, () -> {
                for (String other : rootsOtherThan(me)) {
                    if (!Files.exists(Path.of(other, ".piko", "state.db"))) {
                        update("DELETE FROM host_port WHERE project_root = ?", List.of(other));
                    }
                }
                List<String> gone = new ArrayList<>(scopesOf(me));
                gone.removeAll(liveScopes);
                gone.add(scope);
                for (String s : gone) {
                    update("DELETE FROM host_port WHERE project_root = ? AND scope = ?", List.of(me, s));
                }
                Set<Integer> others = new HashSet<>();
                try (PreparedStatement ps = db.prepareStatement("SELECT port FROM host_port WHERE project_root <> ?")) {
                    ps.setString(1, me);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) others.add(rs.getInt(1));
                    }
                }
                List<PortAllocation> planned = plan.apply(others);
                for (PortAllocation a : planned) {
                    update("INSERT OR REPLACE INTO host_port (port, project_root, scope) VALUES (?, ?, ?)",
                            List.of(a.hostPort(), me, scope));
                }
                return planned;
            });
        } catch (SQLException e) {
            throw new PikoException("machine-wide port record error: " + e.getMessage(), null, e);
        }
    }

    /** Every port claimed for the project at a folder (what the tests read back). */
    Set<Integer> portsOf(Path root) {
        Set<Integer> out = new HashSet<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT port FROM host_port WHERE project_root = ?")) {
            ps.setString(1, root.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new PikoException("machine-wide port record error: " + e.getMessage(), null, e);
        }
        return out;
    }

    private List<String> rootsOtherThan(String me) throws SQLException {
        return strings("SELECT DISTINCT project_root FROM host_port WHERE project_root <> ?", me);
    }

    private List<String> scopesOf(String me) throws SQLException {
        return strings("SELECT DISTINCT scope FROM host_port WHERE project_root = ?", me);
    }

    private List<String> strings(String sql, String param) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void update(String sql, List<Object> params) throws SQLException {
        MachineRecord.update(db, sql, params.toArray());
    }

    @Override
    public void close() {
        MachineRecord.close(db);
    }
}
