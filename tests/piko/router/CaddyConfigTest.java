package piko.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import piko.model.Route;

class CaddyConfigTest {
    private static final RouterSettings SETTINGS = new RouterSettings(18080, 18443, 12019, "caddy:2", true);

    @Test
    void everyHostnameIsMatchedExactlyOnBothServersWithTheFallbackLast() {
        String json = CaddyConfig.of(SETTINGS, List.of(Route.proxy("web.e1.shop.localhost", 10180),
                Route.page("web.e2.shop.localhost", 503, "environment e2 of shop is stopped\n")));
        String proxy = "{\"match\":[{\"host\":[\"web.e1.shop.localhost\"]}],\"handle\":[{\"handler\":\"reverse_proxy\","
                + "\"upstreams\":[{\"dial\":\"127.0.0.1:10180\"}]}],\"terminal\":true}";
        assertEquals(2, count(json, proxy), "on the http and the https server");
        assertTrue(json.contains("\"status_code\":503,\"headers\":{\"Content-Type\":[\"text/plain; charset=utf-8\"]},"
                + "\"body\":\"environment e2 of shop is stopped\\n\""));
        assertTrue(json.indexOf("no piko environment answers") > json.indexOf("web.e2.shop.localhost"));
        assertTrue(json.contains("\"listen\":[\"127.0.0.1:18080\"]") && json.contains("\"listen\":[\"127.0.0.1:18443\"]"));
        assertTrue(json.contains("\"admin\":{\"listen\":\"127.0.0.1:12019\""));
        assertTrue(json.contains("\"subjects\":[\"web.e1.shop.localhost\",\"web.e2.shop.localhost\"],"
                + "\"issuers\":[{\"module\":\"internal\"}]"), "certificates from the router's own CA, for piko's hostnames only");
    }

    @Test
    void theFirstScopeNamingAHostnameKeepsItAndNoHostnameMeansNoCertificatePolicy() {
        String json = CaddyConfig.of(SETTINGS, List.of(Route.proxy("web.e1.shop.localhost", 10180),
                Route.proxy("web.e1.shop.localhost", 20180)));
        assertFalse(json.contains("20180"));
        assertFalse(CaddyConfig.of(SETTINGS, List.of()).contains("\"tls\""));
    }

    @Test
    void theCertificateIsReadFromTheAdminAnswer() {
        String answer = "{\"id\":\"local\",\"root_certificate\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\u002b\\n-----END CERTIFICATE-----\\n\"}";
        assertEquals("-----BEGIN CERTIFICATE-----\nMIIB+\n-----END CERTIFICATE-----\n", JsonText.stringField(answer, "root_certificate"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }
}
