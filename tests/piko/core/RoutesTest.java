package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piko.model.PortAllocation;
import piko.model.Route;

class RoutesTest {
    private static PortAllocation port(String scope, String service, int target, String protocol, int host) {
        return new PortAllocation(scope, service, target, protocol, host);
    }

    @Test
    void hostnamesAreDnsLabelsUnderLocalhost() {
        assertEquals("web.feature-auth.shop.localhost", Routes.host("web", "feature-auth", "shop"));
        assertEquals("api-v2.e-1.my-shop.localhost", Routes.host("Api_v2", "e_1", "my_shop"));
        assertEquals("db.shared.shop.localhost", Routes.host("db", Names.SHARED, "shop"));
        assertEquals(63, Routes.label("s".repeat(80)).length());
    }

    @Test
    void aServiceIsReachedOnItsLowestTcpPortUnlessPikoYamlNamesAnother() {
        List<PortAllocation> web = List.of(port("e1", "web", 9090, "tcp", 10190), port("e1", "web", 8080, "tcp", 10180),
                port("e1", "web", 53, "udp", 10153));
        assertEquals(8080, Routes.target(web, null).target());
        assertEquals(9090, Routes.target(web, 9090).target());
        assertEquals(8080, Routes.target(web, 7777).target(), "a port it does not publish falls back to the lowest");
        assertNull(Routes.target(List.of(port("e1", "dns", 53, "udp", 10153)), null), "udp only: no hostname");
    }

    @Test
    void oneRoutePerServiceOfTheScopeToItsHostPort() {
        List<PortAllocation> ports = List.of(port("e1", "web", 8080, "tcp", 10180), port("e1", "redis", 6379, "tcp", 10179),
                port("e2", "web", 8080, "tcp", 10280), port("e1", "dns", 53, "udp", 10153));
        assertEquals(List.of(Route.proxy("redis.e1.shop.localhost", 10179), Route.proxy("web.e1.shop.localhost", 10180)),
                Routes.serving("shop", "e1", ports, Map.of()));
        assertEquals(List.of(Route.page("web.e2.shop.localhost", 503, "stopped")),
                Routes.pages(Routes.serving("shop", "e2", ports, Map.of()), 503, "stopped"));
    }

    @Test
    void urlsNameTheSharedHostnameForASharedService() {
        List<PortAllocation> ports = List.of(port("e1", "web", 8080, "tcp", 10180), port("shared", "redis", 6379, "tcp", 10079));
        assertEquals(Map.of("web", "http://web.e1.shop.localhost", "redis", "http://redis.shared.shop.localhost"),
                Routes.urls("shop", ports, Map.of(), 80));
        assertEquals("http://web.e1.shop.localhost:8080", Routes.url("web.e1.shop.localhost", 8080));
    }
}
