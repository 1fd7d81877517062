package piko.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import piko.core.ProjectStore;
import piko.model.PortAllocation;
import piko.model.PortRequest;
import piko.model.Project;

/** The port_allocation table: each scope's (environment's, shared project's) host ports. */
final class PortRows {
    private static final String SELECT = "SELECT scope, service, target, protocol, host_port FROM port_allocation";
    private final Database db;

    PortRows(Database db) {
        this.db = db;
    }

    List<PortAllocation> of(Project p, String scope) {
        return db.query(SELECT + " WHERE project_id = ? AND scope = ? ORDER BY service, target, protocol",
                List.of(p.id(), scope), PortRows::read);
    }

    List<PortAllocation> all(Project p) {
        return db.query(SELECT + " WHERE project_id = ? ORDER BY scope, service, target, protocol", List.of(p.id()), PortRows::read);
    }

    /** The scopes (environments, shared) that hold ports now. */
    List<String> scopes(Project p) {
        return db.query("SELECT DISTINCT scope FROM port_allocation WHERE project_id = ?", List.of(p.id()), rs -> rs.getString(1));
    }

    /** Replaces a scope's allocations with the planner's answer, in one transaction. */
    List<PortAllocation> assign(Project p, String scope, ProjectStore.PortPlanner planner) {
        return db.inTransaction(() -> {
            Map<PortRequest, Integer> existing = new HashMap<>();
            for (PortAllocation a : of(p, scope)) {
                existing.put(a.request(), a.hostPort());
            }
            Set<Integer> taken = new HashSet<>(db.query(
                    "SELECT host_port FROM port_allocation WHERE project_id = ? AND scope <> ?",
                    List.of(p.id(), scope), rs -> rs.getInt(1)));
            List<PortAllocation> planned = planner.plan(existing, taken);
            db.update("DELETE FROM port_allocation WHERE project_id = ? AND scope = ?", List.of(p.id(), scope));
            for (PortAllocation a : planned) {
                insert(db, p, scope, a);
            }
            return planned;
        });
    }

    static void insert(Database db, Project p, String scope, PortAllocation a) {
        db.update("INSERT INTO port_allocation (project_id, scope, service, target, protocol, host_port)"
                + " VALUES (?, ?, ?, ?, ?, ?)", List.of(p.id(), scope, a.service(), a.target(), a.protocol(), a.hostPort()));
    }

    private static PortAllocation read(ResultSet rs) throws SQLException {
        return new PortAllocation(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5));
    }
}
