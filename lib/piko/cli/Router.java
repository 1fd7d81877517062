package piko.cli;

import piko.error.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.error.PikoException;
import piko.model.Route;
import piko.router.RouterControl;
import piko.router.RouterSettings;

@Command(name = "router", mixinStandardHelpOptions = true,
        description = "The machine's router: every environment's services at http(s)://<service>.<env>.<project>.localhost."
                + " start (settings are remembered), stop, status, ca (its CA certificate, PEM).")
final class Router extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(paramLabel = "<action>", description = "start, stop, status or ca.")
    String action;

    @Option(names = "--http-port", paramLabel = "<port>", description = "With start: the http port (default 80, or the last one given).")
    Integer httpPort;

    @Option(names = "--https-port", paramLabel = "<port>", description = "With start: the https port (default 443, or the last one given).")
    Integer httpsPort;

    @Option(names = "--admin-port", paramLabel = "<port>",
            description = "With start: the router's admin port on 127.0.0.1 (default 2019, or the last one given).")
    Integer adminPort;

    @Option(names = "--image", paramLabel = "<image>", description = "With start: the Caddy 2 image (default caddy:2, or the last one given).")
    String image;

    @Option(names = "--json", description = "With status: print JSON.")
    boolean json;

    @Override
    int execute() {
        if (!action.equals("start") && (httpPort != null || httpsPort != null || adminPort != null || image != null)) {
            throw new PikoException("--http-port, --https-port, --admin-port and --image go with start", "see: piko router --help", ExitCode.USAGE);
        }
        if (json && !action.equals("status")) {
            throw new PikoException("--json goes with status", "see: piko router --help", ExitCode.USAGE);
        }
        for (Integer p : new Integer[] {httpPort, httpsPort, adminPort}) {
            if (p != null && (p < 1 || p > 65535)) {
                throw new PikoException("port " + p + " is not between 1 and 65535", "see: piko router --help", ExitCode.USAGE);
            }
        }
        RouterControl router = context.routerControl();
        switch (action) {
            case "start" -> {
                context.docker().requireDaemon();
                RouterSettings s = router.start(httpPort, httpsPort, adminPort, image);
                console().info("Hostnames: http://<service>.<env>.<project>.localhost" + (s.httpPort() == 80 ? "" : ":" + s.httpPort())
                        + ", and https on port " + s.httpsPort() + " once you trust its CA (piko router ca)");
            }
            case "stop" -> router.stop();
            case "status" -> printStatus(router.status());
            case "ca" -> {
                out().print(router.ca());
                out().flush();
            }
            default -> throw new PikoException("unknown router action '" + action + "'",
                    "use one of: piko router start, stop, status, ca", ExitCode.USAGE);
        }
        return ExitCode.OK.code();
    }

    private void printStatus(RouterControl.Status st) {
        RouterSettings s = st.settings();
        List<Object> routes = new ArrayList<>();
        Table t = new Table("HOSTNAME", "PROJECT", "ENVIRONMENT", "TARGET");
        st.routes().forEach((project, scopes) -> scopes.forEach((scope, list) -> {
            for (Route r : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", r.host());
                m.put("project", project);
                m.put("environment", scope);
                m.put("port", r.proxies() ? r.port() : null);
                m.put("status", r.proxies() ? null : r.status());
                m.put("page", r.proxies() ? null : r.page().strip());
                routes.add(m);
                t.row(r.host(), project, scope, r.proxies() ? "127.0.0.1:" + r.port() : "page " + r.status());
            }
        }));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", Views.VERSION);
            m.put("status", st.state());
            m.put("container", st.container());
            m.put("image", s.image());
            m.put("http_port", s.httpPort());
            m.put("https_port", s.httpsPort());
            m.put("admin_port", s.adminPort());
            m.put("volume", st.volume());
            m.put("routes", routes);
            out().println(Json.write(m));
        } else {
            out().println("router: " + st.state() + " (container " + st.container() + ", image " + s.image() + ", http port "
                    + s.httpPort() + ", https port " + s.httpsPort() + ", admin 127.0.0.1:" + s.adminPort() + ")");
            if (!routes.isEmpty()) {
                t.print(out());
            }
        }
        out().flush();
    }
}
