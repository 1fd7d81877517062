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
                        UNIQUE (project_id, scope, service, target, protocol))"""),
            // 2: shared services. A consumer row outlives its service's row after `isolate`, so the
            // shared instance keeps serving the environments that use it until they are destroyed.
            List.of("""
                    CREATE TABLE shared_services (
                        id INTEGER PRIMARY KEY,
                        project_id INTEGER NOT NULL REFERENCES project(id),
                        service_name TEXT NOT NULL,
                        container_name TEXT,
                        network TEXT NOT NULL,
                        UNIQUE (project_id, service_name))""",
                    """
                    CREATE TABLE shared_consumers (
                        project_id INTEGER NOT NULL REFERENCES project(id),
                        service_name TEXT NOT NULL,
                        environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
                        PRIMARY KEY (project_id, service_name, environment_id))"""),
            // 3: the steps an unfinished create took, written before each runs, so that destroy can
            // undo them after a crash (SIGKILL, power cut).
            List.of("""
                    CREATE TABLE create_step (
                        environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL,
                        step TEXT NOT NULL,
                        PRIMARY KEY (environment_id, seq))"""),
            // 4: the checkout's identity (see Project); a project made before it gets one here.
            List.of("ALTER TABLE project ADD COLUMN identity TEXT NOT NULL DEFAULT ''",
                    "UPDATE project SET identity = lower(hex(randomblob(8))) WHERE identity = ''"),
            // 5: the steps an unfinished share, isolate, destroy or down --shared took, written before
            // each runs, so that doctor can finish or undo the command after a crash (SIGKILL).
            List.of("""
                    CREATE TABLE journal (
                        project_id INTEGER NOT NULL REFERENCES project(id),
                        command TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        step TEXT NOT NULL,
                        PRIMARY KEY (project_id, command, subject, seq))"""));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }
}
