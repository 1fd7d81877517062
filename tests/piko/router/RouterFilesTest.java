package piko.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piko.model.Route;

class RouterFilesTest {
    @TempDir
    Path machineDir;

    @Test
    void routesSurviveTheirFileWithPagesOfAnyText() {
        List<Route> routes = List.of(Route.proxy("web.e1.shop.localhost", 10180),
                Route.page("api.e1.shop.localhost", 503, "environment e1 is \"stopped\"\tnow\n"));
        assertEquals(routes, RouterFiles.parse(RouterFiles.format(routes)));
    }

    @Test
    void eachProjectAndScopeKeepsItsOwnFileAndNoRouterMeansNoCall() {
        RouterFiles files = new RouterFiles(machineDir);
        files.replace("shop", "e1", List.of(Route.proxy("web.e1.shop.localhost", 10180)));
        files.replace("shop", "e2", List.of(Route.proxy("web.e2.shop.localhost", 10280)));
        files.replace("blog", "e1", List.of(Route.proxy("web.e1.blog.localhost", 11180)));
        assertEquals(List.of(Route.proxy("web.e2.shop.localhost", 10280)), files.routes("shop", "e2"));
        assertEquals(List.of("blog", "shop"), List.copyOf(files.all().keySet()));
        assertEquals(0, files.httpPort(), "no router runs: no URLs");
        assertFalse(Files.exists(files.configFile()), "the config is written for a running router only");
        files.replace("shop", "e2", List.of());
        assertEquals(List.of(), files.routes("shop", "e2"));
        assertEquals(List.of("e1"), List.copyOf(files.all().get("shop").keySet()));
    }

    @Test
    void writersAtOnceLoseNoRoute() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String env = "e" + i;
            // one RouterFiles per writer, as two piko processes would have
            done.add(pool.submit(() -> new RouterFiles(machineDir).replace("shop", env,
                    List.of(Route.proxy("web." + env + ".shop.localhost", 10000 + Integer.parseInt(env.substring(1)))))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(16, new RouterFiles(machineDir).all().get("shop").size());
    }

    @Test
    void settingsAreRememberedAndTheirFingerprintChangesWithThem() {
        String none = RouterSettings.fingerprint(machineDir);
        RouterSettings s = RouterSettings.load(machineDir).with(8080, null, null, "piko-test/caddy:1").running(true);
        s.save(machineDir);
        assertEquals(s, RouterSettings.load(machineDir));
        assertEquals(443, s.httpsPort());
        assertEquals(8080, new RouterFiles(machineDir).httpPort());
        String on = RouterSettings.fingerprint(machineDir);
        s.running(false).save(machineDir);
        assertTrue(!none.equals(on) && !on.equals(RouterSettings.fingerprint(machineDir)));
        assertEquals("piko-router", RouterSettings.containerName(machineDir, true));
        assertTrue(RouterSettings.containerName(machineDir, false).startsWith("piko-router-"));
    }
}
