package piko.state;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import piko.error.PikoException;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.Project;

/** The environment table and create's journal (create_step). */
final class EnvironmentRows {
    private static final String SELECT = "SELECT id, name, branch, created_branch, path, slot, phase, services,"
            + " compose_hash, created_at FROM environment";
    private final Database db;

    EnvironmentRows(Database db) {
        this.db = db;
    }

    List<Environment> all(Project p) {
        return db.query(SELECT + " WHERE project_id = ? ORDER BY name", List.of(p.id()), EnvironmentRows::read);
    }

    Optional<Environment> named(Project p, String name) {
        return db.query(SELECT + " WHERE project_id = ? AND name = ?", List.of(p.id(), name), EnvironmentRows::read)
                .stream().findFirst();
    }

    private Set<Integer> slots(Project p) {
        return new HashSet<>(db.query("SELECT slot FROM environment WHERE project_id = ?", List.of(p.id()), rs -> rs.getInt(1)));
    }

    /**
     * Claims a name and a port slot for a new environment, atomically: of two processes creating the
     * same name, exactly one gets the row; the other gets empty.
     */
    Optional<Environment> reserve(Project p, String name, String branch, boolean createdBranch, Path path, int maxSlots) {
        return db.inTransaction(() -> {
            if (named(p, name).isPresent()) {
                return Optional.<Environment>empty();
            }
            int slot = Slots.firstFree(slots(p), 1);
            if (slot >= maxSlots) {
                throw new PikoException("no port block left for another environment",
                        "destroy an environment, or lower ports.block / ports.base in piko.yaml");
            }
            db.update("INSERT INTO environment (project_id, name, branch, created_branch, path, slot, phase, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    List.of(p.id(), name, branch, createdBranch ? 1 : 0, path.toString(), slot, Environment.CREATING, Database.now()));
            return named(p, name);
        });
    }

    /**
     * Records an environment found in Docker and git but not in the state (`piko doctor --fix`), as
     * ready, with the slot it had when that is free (else the first free one), and these ports.
     * Its branch counts as not made by piko, so destroy keeps it.
     */
    Environment adopt(Project p, String name, String branch, Path path, int slot, List<String> services,
                      List<PortAllocation> ports) {
        return db.inTransaction(() -> {
            int free = Slots.firstFree(slots(p), slot);
            db.update("INSERT INTO environment (project_id, name, branch, created_branch, path, slot, phase, services, created_at)"
                            + " VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)",
                    List.of(p.id(), name, branch, path.toString(), free, Environment.READY, String.join(",", services), Database.now()));
            Set<Integer> taken = new HashSet<>(db.query("SELECT host_port FROM port_allocation WHERE project_id = ?",
                    List.of(p.id()), rs -> rs.getInt(1)));
            for (PortAllocation a : ports) {
                if (taken.add(a.hostPort())) {
                    PortRows.insert(db, p, name, a);
                }
            }
            return named(p, name).orElseThrow();
        });
    }

    void update(Project p, String name, String phase, List<String> services, String composeHash) {
        db.update("UPDATE environment SET phase = ?, services = ?, compose_hash = ? WHERE project_id = ? AND name = ?",
                List.of(phase, String.join(",", services), composeHash, p.id(), name));
    }

    /** Forgets an environment and its port allocations. */
    void delete(Project p, String name) {
        db.inTransaction(() -> {
            db.update("DELETE FROM port_allocation WHERE project_id = ? AND scope = ?", List.of(p.id(), name));
            db.update("DELETE FROM environment WHERE project_id = ? AND name = ?", List.of(p.id(), name));
            // destroy's last step: its journal goes in the same transaction, so no kill leaves one without the other
            db.update("DELETE FROM journal WHERE project_id = ? AND command = 'destroy' AND subject = ?", List.of(p.id(), name));
            return null;
        });
    }

    /** Writes down that create is about to take a step (journal for crash recovery). */
    void recordCreateStep(Project p, String name, String step) {
        db.update("INSERT INTO create_step (environment_id, seq, step) SELECT e.id,"
                        + " (SELECT COUNT(*) FROM create_step s WHERE s.environment_id = e.id), ?"
                        + " FROM environment e WHERE e.project_id = ? AND e.name = ?",
                List.of(step, p.id(), name));
    }

    /** The steps an environment's create recorded, in the order it took them. */
    List<String> createSteps(Project p, String name) {
        return db.query("SELECT s.step FROM create_step s JOIN environment e ON e.id = s.environment_id"
                + " WHERE e.project_id = ? AND e.name = ? ORDER BY s.seq", List.of(p.id(), name), rs -> rs.getString(1));
    }

    private static Environment read(ResultSet rs) throws SQLException {
        String services = rs.getString(8);
        return new Environment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                Path.of(rs.getString(5)), rs.getInt(6), rs.getString(7),
                services.isEmpty() ? List.of() : Arrays.asList(services.split(",")), rs.getString(9), rs.getString(10));
    }
}
