package piko.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import piko.core.ProjectStore;
import piko.model.Project;

/** The journal table: the steps a command (share, isolate, destroy, down --shared) took, until it ends. */
final class JournalRows {
    private final Database db;

    JournalRows(Database db) {
        this.db = db;
    }

    void record(Project p, String command, String subject, String step) {
        db.update("INSERT INTO journal (project_id, command, subject, seq, step) SELECT ?, ?, ?,"
                        + " (SELECT COUNT(*) FROM journal WHERE project_id = ? AND command = ? AND subject = ?), ?",
                List.of(p.id(), command, subject, p.id(), command, subject, step));
    }

    void clear(Project p, String command, String subject) {
        db.update("DELETE FROM journal WHERE project_id = ? AND command = ? AND subject = ?", List.of(p.id(), command, subject));
    }

    /** Every unfinished command, oldest step first. */
    List<ProjectStore.JournalEntry> all(Project p) {
        Map<List<String>, List<String>> steps = new LinkedHashMap<>();
        db.query("SELECT command, subject, step FROM journal WHERE project_id = ? ORDER BY command, subject, seq",
                List.of(p.id()), rs -> {
                    steps.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new ArrayList<>()).add(rs.getString(3));
                    return null;
                });
        List<ProjectStore.JournalEntry> out = new ArrayList<>();
        steps.forEach((key, taken) -> out.add(new ProjectStore.JournalEntry(key.get(0), key.get(1), List.copyOf(taken))));
        return out;
    }
}
