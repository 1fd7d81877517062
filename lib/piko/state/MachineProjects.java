package piko.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import piko.core.ProjectRegistry;
import piko.core.Workspace;
import piko.error.PikoException;

/**
 * The projects piko knows on this machine (identity, folder, name), in the machine-wide record
 * beside the host ports (MachinePorts): same file, same discipline.
 */
public final class MachineProjects implements ProjectRegistry, AutoCloseable {
    private final Connection db;

    private MachineProjects(Connection db) {
        this.db = db;
    }

    public static MachineProjects open(Path file) {
        return new MachineProjects(MachineRecord.open(file, "CREATE TABLE IF NOT EXISTS project (identity TEXT PRIMARY KEY,"
                + " root TEXT NOT NULL UNIQUE, name TEXT NOT NULL)"));
    }

    @Override
    public List<Entry> projects() {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT identity, root, name FROM project ORDER BY root");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Entry(rs.getString(1), Path.of(rs.getString(2)), rs.getString(3)));
        } catch (SQLException e) {
            throw new PikoException("machine-wide record error: " + e.getMessage(), null, e);
        }
        return out;
    }

    /** Also moves the port claims of a moved project to its new folder. */
    @Override
    public void register(String identity, Path root, String name) {
        try {
            Transaction.run(db, () -> {
                Optional<String> before = root(identity);
                for (Entry e : projects()) {
                    if (!Files.isDirectory(e.root())) {  // its folder is gone: deleted, or moved (then it registers anew)
                        update("DELETE FROM project WHERE identity = ?", e.identity());
                    }
                }
                update("DELETE FROM project WHERE identity = ? OR root = ?", identity, root.toString());
                update("INSERT INTO project (identity, root, name) VALUES (?, ?, ?)", identity, root.toString(), name);
                if (before.isPresent() && !before.get().equals(root.toString()) && hasPortTable()) {
                    update("UPDATE host_port SET project_root = ? WHERE project_root = ?", root.toString(), before.get());
                }
                return null;
            });
        } catch (SQLException e) {
            throw new PikoException("machine-wide record error: " + e.getMessage(), null, e);
        }
    }

    @Override
    public Optional<String> identityAt(Path root) {
        Path file = Workspace.stateFile(root);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection c = NativeSqlite.connect(file, config.toProperties());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT identity FROM project ORDER BY id LIMIT 1")) {
            return rs.next() && !rs.getString(1).isEmpty() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();  // no identity column yet, or not a database: it records none
        }
    }

    private Optional<String> root(String identity) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT root FROM project WHERE identity = ?")) {
            ps.setString(1, identity);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private boolean hasPortTable() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'host_port'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private void update(String sql, String... params) throws SQLException {
        MachineRecord.update(db, sql, (Object[]) params);
    }

    @Override
    public void close() {
        MachineRecord.close(db);
    }
}
