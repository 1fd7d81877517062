package piko.core;

import java.util.List;
import piko.model.Route;

/**
 * The hostnames the machine's router serves, kept per project and scope (an environment, or
 * shared); piko.router implements it over files and the router's admin API.
 */
public interface RouteTable {
    /** Replaces what the router serves for one scope of a project, and has a running router serve it. */
    void replace(String project, String scope, List<Route> routes);

    /** What the router serves for one scope of a project (empty when nothing). */
    List<Route> routes(String project, String scope);

    /** The router's http port while it is meant to run, else 0: the URLs piko shows need no Docker call. */
    int httpPort();
}
