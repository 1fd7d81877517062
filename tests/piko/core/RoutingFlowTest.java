package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.error.PikoException;
import piko.model.Route;

/** The router's hostnames through create, down, destroy and share, against fakes and an in-memory route table. */
class RoutingFlowTest {
    @TempDir
    Path root;

    /** What the router would serve, by "project/scope". */
    static final class Table implements RouteTable {
        final Map<String, List<Route>> routes = new HashMap<>();
        int httpPort;
        boolean broken;

        @Override
        public void replace(String project, String scope, List<Route> r) {
            if (broken) throw new PikoException("the router does not answer on its admin port 2019");
            routes.put(project + "/" + scope, r);
        }

        @Override
        public List<Route> routes(String project, String scope) {
            return routes.getOrDefault(project + "/" + scope, List.of());
        }

        @Override
        public int httpPort() {
            return httpPort;
        }
    }

    @Test
    void startedStoppedAndDestroyedEnvironmentsGetTheirRoutesThenPiko_sPages() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "ports:\n  base: 20000\n")) {
            Table t = new Table();
            f.environments().create("e1", null);
            f.routing(t).started("e1");
            assertEquals(List.of(Route.proxy("redis.e1.demo.localhost", 20179), Route.proxy("web.e1.demo.localhost", 20180)),
                    t.routes.get("demo/e1"));
            f.environments().down("e1");
            f.routing(t).stopped("e1");
            String stopped = "environment e1 of demo is stopped; run: piko up e1\n";
            assertEquals(List.of(Route.page("redis.e1.demo.localhost", 503, stopped), Route.page("web.e1.demo.localhost", 503, stopped)),
                    t.routes.get("demo/e1"));
            f.environments().destroy("e1", false, true);
            f.routing(t).removed("e1");
            assertEquals(List.of("redis.e1.demo.localhost", "web.e1.demo.localhost"),
                    t.routes.get("demo/e1").stream().map(Route::host).toList(), "the ports are gone from the state, not the hostnames");
            assertTrue(t.routes.get("demo/e1").stream().allMatch(r -> !r.proxies() && r.status() == 404
                    && r.page().startsWith("environment e1 of demo was destroyed")));
        }
    }

    @Test
    void urlsExistWhileTheRouterRunsAndASharedServiceHasTheSharedHostname() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "ports:\n  base: 20000\n")) {
            Table t = new Table();
            f.sharedServices().share("redis");
            f.routing(t).shared();
            f.environments().create("e1", null);
            f.routing(t).started("e1");
            assertEquals(List.of(Route.proxy("redis.shared.demo.localhost", 20079)), t.routes.get("demo/shared"));
            assertEquals(Map.of(), f.routing(t).urlVariables("e1"), "no router, no URL");
            t.httpPort = 8080;
            assertEquals(Map.of("PIKO_WEB_URL", "http://web.e1.demo.localhost:8080",
                    "PIKO_REDIS_URL", "http://redis.shared.demo.localhost:8080"), f.routing(t).urlVariables("e1"));
            f.routing(t).sharedStopped();
            assertEquals(503, t.routes.get("demo/shared").get(0).status());
        }
    }

    @Test
    void aRouterThatFailsIsAWarningAndAHostnamesPortItDoesNotPublishToo() throws Exception {
        try (FlowFixture f = new FlowFixture(root, "ports:\n  base: 20000\nhostnames:\n  web: 9999\n")) {
            Table t = new Table();
            f.environments().create("e1", null);
            t.broken = true;
            f.routing(t).started("e1");
            assertEquals(2, f.warnings.size(), f.warnings.toString());
            assertTrue(f.warnings.get(0).contains("hostnames.web names port 9999, which web does not publish"));
            assertTrue(f.warnings.get(1).startsWith("the router's hostnames were not updated: the router does not answer"));
        }
    }
}
