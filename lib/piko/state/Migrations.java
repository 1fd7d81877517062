package piko.state;

import java.util.List;

/** Forward-only schema migrations; migration i brings the schema to PRAGMA user_version i + 1. */
final class Migrations {
    static final List<List<String>> STEPS = List.of(
            List.of("""
                    CREATE TABLE project (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        root TEXT NOT NULL,
                        compose_file TEXT NOT NULL,
                        created_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE environment (
                        id INTEGER PRIMARY KEY,
                        project_id INTEGER NOT NULL REFERENCES project(id),
                        name TEXT NOT NULL,
                        branch TEXT NOT NULL,
                        created_branch INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        slot INTEGER NOT NULL,
                        phase TEXT NOT NULL,
                        services TEXT NOT NULL DEFAULT '',
                        compose_hash TEXT NOT NULL DEFAULT '',
                        created_at TEXT NOT NULL,
                        UNIQUE (project_id, name),
                        UNIQUE (project_id, slot))""",
                    """
                    CREATE TABLE port_allocation (
                        id INTEGER PRIMARY KEY,
                        project_id INTEGER NOT NULL REFERENCES project(id),
                        scope TEXT NOT NULL,
                        service TEXT NOT NULL,
                        target INTEGER NOT NULL,
                        protocol TEXT NOT NULL,
                        host_port INTEGER NOT NULL,
                        UNIQUE (project_id, host_port),
                        UNIQUE (project_id, scope, service, target, protocol))"""));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }
}
