package piko.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import piko.error.PikoException;

/** The state's connection: queries, updates, and IMMEDIATE transactions that renew the state's stamp. */
final class Database implements AutoCloseable {
    private final Connection db;
    private final StateStamp stamp;

    Database(Connection db, Path file) {
        this.db = db;
        this.stamp = new StateStamp(file);
    }

    StateStamp stamp() {
        return stamp;
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

    <T> List<T> query(String sql, List<Object> params, Row<T> row) {
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

    int update(String sql, List<Object> params) {
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

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
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
