package piko.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import piko.error.PikoException;

/**
 * The machine-wide file every piko project of this user shares (ports, subnets, projects): each
 * table's class opens it here, in WAL mode, with IMMEDIATE transactions so parallel piko processes
 * queue instead of failing, creating its own table when missing.
 */
final class MachineRecord {
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private MachineRecord() {
    }

    static Connection open(Path file, String createTable) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = NativeSqlite.connect(file, config.toProperties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute(createTable);
            }
            return c;
        } catch (Exception e) {
            throw new PikoException("cannot open piko's machine-wide record " + file + ": " + e.getMessage(),
                    "check that its directory is writable, or set " + MachinePorts.ENV + " to another file", e);
        }
    }

    static void update(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        }
    }

    static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing at exit: nothing left to protect
        }
    }
}
