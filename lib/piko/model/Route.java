package piko.model;

/**
 * What the router does for one hostname: proxies it to a host port (port > 0), or answers with a
 * short page of piko's (port 0: the environment is stopped or gone), never another environment's content.
 */
public record Route(String host, int port, int status, String page) {
    public static Route proxy(String host, int port) {
        return new Route(host, port, 0, "");
    }

    public static Route page(String host, int status, String page) {
        return new Route(host, 0, status, page);
    }

    public boolean proxies() {
        return port > 0;
    }
}
