package piko.state;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on a connection (piko opens them IMMEDIATE): committed, or rolled back and rethrown. */
final class Transaction {
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transaction() {
    }

    static <T> T run(Connection db, Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (RuntimeException | SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }
}
