package piko.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import piko.core.SharedDeclaration;
import piko.model.Environment;
import piko.model.Project;

/** The shared_services and shared_consumers tables: what is shared, and which environment uses it. */
final class SharedRows {
    private final Database db;

    SharedRows(Database db) {
        this.db = db;
    }

    /** Services marked shared, by name. */
    List<String> services(Project p) {
        return db.query("SELECT service_name FROM shared_services WHERE project_id = ? ORDER BY service_name",
                List.of(p.id()), rs -> rs.getString(1));
    }

    /** Makes the table hold exactly the given services; says which were added and removed. */
    SharedDeclaration.Change replace(Project p, List<String> services, String network) {
        List<String> now = services(p);
        if (now.size() == services.size() && now.containsAll(services)) {
            return new SharedDeclaration.Change(List.of(), List.of());  // in sync: no write transaction on every command
        }
        return db.inTransaction(() -> {
            List<String> before = services(p);
            List<String> added = services.stream().filter(s -> !before.contains(s)).sorted().toList();
            List<String> removed = before.stream().filter(s -> !services.contains(s)).toList();
            for (String s : added) {
                db.update("INSERT INTO shared_services (project_id, service_name, network) VALUES (?, ?, ?)",
                        List.of(p.id(), s, network));
            }
            for (String s : removed) {
                db.update("DELETE FROM shared_services WHERE project_id = ? AND service_name = ?", List.of(p.id(), s));
            }
            return new SharedDeclaration.Change(added, removed);
        });
    }

    void setContainer(Project p, String service, String containerName) {
        db.update("UPDATE shared_services SET container_name = ? WHERE project_id = ? AND service_name = ?",
                List.of(containerName, p.id(), service));
    }

    /** Records that an environment uses the shared instance of each service. */
    void addConsumer(Project p, Environment env, List<String> services) {
        db.inTransaction(() -> {
            for (String s : services) {
                db.update("INSERT OR IGNORE INTO shared_consumers (project_id, service_name, environment_id) VALUES (?, ?, ?)",
                        List.of(p.id(), s, env.id()));
            }
            return null;
        });
    }

    /** Shared services each environment uses: environment name to service names. */
    Map<String, List<String>> consumers(Project p) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String[] row : db.query("SELECT e.name, c.service_name FROM shared_consumers c"
                        + " JOIN environment e ON e.id = c.environment_id WHERE c.project_id = ? ORDER BY e.name, c.service_name",
                List.of(p.id()), rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        return out;
    }
}
