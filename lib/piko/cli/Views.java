package piko.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import piko.core.StatusReport.EnvironmentStatus;
import piko.core.StatusReport.ServiceStatus;
import piko.core.StatusReport.SharedStatus;
import piko.model.Environment;
import piko.model.PortAllocation;

/**
 * The one JSON shape of each concept (environment, service status, shared service), for every
 * command's --json and for piko-mcp. VERSION changes only when a key is removed or changes meaning;
 * keys may be added within a version. The README documents these shapes.
 */
public final class Views {
    public static final int VERSION = 1;

    private Views() {
    }

    /** An environment as recorded, without live status (piko env asks no Docker). */
    public static Map<String, Object> environment(Environment env, List<String> shared) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", VERSION);
        m.put("name", env.name());
        m.put("branch", env.branch());
        m.put("path", env.path().toString());
        m.put("created", env.createdAt());
        m.put("shared", shared);
        return m;
    }

    /** An environment with its live status and services (list, status). */
    public static Map<String, Object> environment(EnvironmentStatus s) {
        return environment(s, Map.of(), null);
    }

    /**
     * With the URLs through the router (service -> URL, none while it does not run): each
     * service's, and the environment's main one when piko.yaml names its service (router.service).
     */
    public static Map<String, Object> environment(EnvironmentStatus s, Map<String, String> urls, String mainService) {
        Map<String, Object> m = environment(s.env(), s.shared());
        m.put("status", s.status());
        m.put("unhealthy", s.unhealthy());
        m.put("services", s.services().stream().map(v -> {
            Map<String, Object> service = service(v);
            service.put("url", urls.get(v.service()));
            return (Object) service;
        }).toList());
        m.put("compose_project", s.composeProject());
        m.put("compose_files", s.composeFiles());
        m.put("notes", s.notes());
        m.put("url", mainService == null ? null : urls.get(mainService));
        return m;
    }

    /** An environment with its PIKO_* variables (env). */
    public static Map<String, Object> environment(Environment env, List<String> shared, Map<String, String> variables) {
        Map<String, Object> m = environment(env, shared);
        m.put("variables", variables);
        return m;
    }

    public static Map<String, Object> service(ServiceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", s.service());
        m.put("state", s.state());
        m.put("health", s.health());
        m.put("ports", ports(s.ports()));
        m.put("note", s.note());
        return m;
    }

    public static Map<String, Object> shared(SharedStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", VERSION);
        m.put("service", s.service());
        m.put("declared", s.declared());
        m.put("status", s.state());
        m.put("container", s.container());
        m.put("network", s.network());
        m.put("ports", ports(s.ports()));
        m.put("consumers", s.consumers());
        return m;
    }

    static List<Object> ports(List<PortAllocation> ports) {
        return ports.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", p.target());
            m.put("protocol", p.protocol());
            m.put("host", p.hostPort());
            return (Object) m;
        }).toList();
    }

    /** A snapshot: its volumes by compose key with the Docker volume holding each copy; size in bytes. */
    public static Map<String, Object> snapshot(piko.model.Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", VERSION);
        m.put("name", s.name());
        m.put("source", s.source());
        m.put("created", s.created() == null ? null : s.created().toString());
        m.put("complete", s.complete());
        m.put("volumes", s.volumes());
        m.put("bytes", s.complete() ? s.totalBytes() : null);
        return m;
    }
}
