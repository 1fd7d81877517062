package piko.model;

import java.util.List;

/** One container as `docker ps` reports it, with the piko and compose labels read off it. */
public record Container(String id, String name, String composeProject, String service, String pikoEnvironment,
                        String state, String status, String pikoProject, List<String> networks) {

    public boolean running() {
        return "running".equals(state);
    }

    /** healthy, unhealthy, starting, or "" when the container has no healthcheck. */
    public String health() {
        if (status.contains("(healthy)")) return "healthy";
        if (status.contains("(unhealthy)")) return "unhealthy";
        if (status.contains("(health: starting)")) return "starting";
        return "";
    }
}
