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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import piko.core.ProjectStore;
import piko.error.PikoException;
import piko.model.Cidr;

/**
 * The subnets every piko project of this user gave its networks, beside the host ports in the same
 * machine-wide file (see MachinePorts), so two environments, of one project or of two, never plan
 * the same subnet; one IMMEDIATE transaction per claim, so parallel creates get distinct ones.
 */
public final class MachineSubnets implements AutoCloseable {
    private final Connection db;

    private MachineSubnets(Connection db) {
        this.db = db;
    }

    public static MachineSubnets open(Path file) {
        return new MachineSubnets(MachineRecord.open(file, "CREATE TABLE IF NOT EXISTS subnet (subnet TEXT PRIMARY KEY, project_root TEXT NOT NULL,"
                + " scope TEXT NOT NULL, network TEXT NOT NULL)"));
    }

    /**
     * In one transaction: drops the claims of projects that no longer exist and of this project's
     * scopes that are gone, hands the planner this scope's subnets and every subnet held elsewhere,
     * and records its answer as this scope's claim.
     */
    public Map<String, Cidr> claim(Path root, String scope, Collection<String> liveScopes, ProjectStore.SubnetPlanner planner) {
        String me = root.toString();
        try {
            return Transaction.run(db, () -> {
                for (String other : strings("SELECT DISTINCT project_root FROM subnet WHERE project_root <> ?", me)) {
                    if (!Files.exists(Path.of(other, ".piko", "state.db"))) {
                        update("DELETE FROM subnet WHERE project_root = ?", other);
                    }
                }
                List<String> gone = new ArrayList<>(strings("SELECT DISTINCT scope FROM subnet WHERE project_root = ?", me));
                gone.removeAll(liveScopes);
                for (String s : gone) {
                    update("DELETE FROM subnet WHERE project_root = ? AND scope = ?", me, s);
                }
                Map<String, Cidr> existing = new TreeMap<>();
                Set<Cidr> elsewhere = new HashSet<>();
                try (PreparedStatement ps = db.prepareStatement("SELECT subnet, project_root, scope, network FROM subnet");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Cidr c = Cidr.parse(rs.getString(1)).orElse(null);
                        if (c == null) continue;
                        if (rs.getString(2).equals(me) && rs.getString(3).equals(scope)) {
                            existing.put(rs.getString(4), c);
                        } else {
                            elsewhere.add(c);
                        }
                    }
                }
                Map<String, Cidr> planned = planner.plan(existing, elsewhere);
                update("DELETE FROM subnet WHERE project_root = ? AND scope = ?", me, scope);
                for (Map.Entry<String, Cidr> e : planned.entrySet()) {
                    update("INSERT INTO subnet (subnet, project_root, scope, network) VALUES (?, ?, ?, ?)",
                            e.getValue().toString(), me, scope, e.getKey());
                }
                return planned;
            });
        } catch (SQLException e) {
            throw new PikoException("machine-wide subnet record error: " + e.getMessage(), null, e);
        }
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

    private void update(String sql, String... params) throws SQLException {
        MachineRecord.update(db, sql, (Object[]) params);
    }

    @Override
    public void close() {
        MachineRecord.close(db);
    }
}
