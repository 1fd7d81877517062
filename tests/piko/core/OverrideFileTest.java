package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import piko.model.ComposeModel;
import piko.model.Labels;
import piko.model.PortAllocation;
import piko.model.Project;

/** The override rendered from real `docker compose config --format json` output (tests/fixtures/full). */
class OverrideFileTest {
    static final Project DEMO = new Project(1, "demo", Path.of("/src/demo"), "compose.yaml", "0123456789abcdef");

    static ComposeModel fixture() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir"));
        Path json = Files.exists(dir.resolve("tests/fixtures/full/config.json"))
                ? dir.resolve("tests/fixtures/full/config.json") : dir.resolve("fixtures/full/config.json");
        return ComposeModel.parse(Files.readString(json));
    }

    /** Loads the override; compose's !override and !reset tags are read as plain values. */
    static Map<String, Object> load(String yaml) {
        return new Yaml().load(yaml.replace(" !override", "").replace(" !reset", ""));
    }

    private static List<PortAllocation> ports() {
        return List.of(new PortAllocation("feat", "web", 8080, "tcp", 10180),
                new PortAllocation("feat", "web", 9090, "udp", 10190),
                new PortAllocation("feat", "db", 5432, "tcp", 10132),
                new PortAllocation("feat", "db", 15432, "tcp", 10133));
    }

    @Test
    void parsesServicesPortsAndFixedNames() throws Exception {
        ComposeModel m = fixture();
        assertEquals(Set.of("web", "db", "cache"), m.services().keySet());
        assertEquals("mydb", m.services().get("db").containerName());
        assertEquals(2, m.services().get("web").ports().size());
        assertEquals("127.0.0.1", m.services().get("web").ports().get(1).hostIp());
        assertTrue(m.networks().get("back").hasFixedName("piko-demo-feat"));
        assertFalse(m.networks().get("front").hasFixedName("piko-demo-feat"));
        assertTrue(m.volumes().get("pinned").hasFixedName("piko-demo-feat"));
        assertEquals(Set.of("db", "cache"), m.services().get("web").dependsOn().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void replacesPortsAndRenamesEverythingThatWouldCollide() throws Exception {
        String text = OverrideFile.render(fixture(), DEMO, "feat", ports(), Set.of());
        Map<String, Object> o = load(text);
        Map<String, Object> services = (Map<String, Object>) o.get("services");
        Map<String, Object> web = (Map<String, Object>) services.get("web");
        List<Map<String, Object>> webPorts = (List<Map<String, Object>>) web.get("ports");
        assertEquals("10180", webPorts.get(0).get("published"));
        assertEquals("10190", webPorts.get(1).get("published"));
        assertEquals("127.0.0.1", webPorts.get(1).get("host_ip"));
        assertTrue(text.contains("ports: !override"), text);

        Map<String, Object> db = (Map<String, Object>) services.get("db");
        assertEquals("piko-demo-feat-mydb", db.get("container_name"));
        Map<String, Object> dbNets = (Map<String, Object>) db.get("networks");
        assertEquals(List.of("mydb"), ((Map<String, Object>) dbNets.get("back")).get("aliases"));

        Map<String, Object> networks = (Map<String, Object>) o.get("networks");
        assertEquals("piko-demo-feat", ((Map<String, Object>) networks.get("default")).get("name"));
        assertEquals("piko-demo-feat_back", ((Map<String, Object>) networks.get("back")).get("name"));
        assertFalse(((Map<String, Object>) networks.get("front")).containsKey("name"));
        Map<String, Object> volumes = (Map<String, Object>) o.get("volumes");
        assertEquals("piko-demo-feat_pinned", ((Map<String, Object>) volumes.get("pinned")).get("name"));
        Map<String, Object> labels = (Map<String, Object>) web.get("labels");
        assertEquals("demo", labels.get(Labels.PROJECT));
        assertEquals("feat", labels.get(Labels.ENVIRONMENT));
        assertEquals("0123456789abcdef", labels.get(Labels.IDENTITY), "the checkout's identity on every container");
        for (String section : List.of("networks", "volumes")) {
            for (Object resource : ((Map<String, Object>) o.get(section)).values()) {
                Map<String, Object> rl = (Map<String, Object>) ((Map<String, Object>) resource).get("labels");
                assertEquals("0123456789abcdef", rl.get(Labels.IDENTITY), section + ": " + resource);
            }
        }
        List<PortAllocation> webAllocations = ports().stream().filter(a -> a.service().equals("web")).toList();
        assertEquals(webAllocations, OverrideFile.parsePortsLabel("feat", "web", (String) labels.get(OverrideFile.PORTS_LABEL)),
                "the ports label gives back the environment's ports");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parksSharedServicesAndDropsDependenciesOnThem() throws Exception {
        String text = OverrideFile.render(fixture(), DEMO, "feat", ports(), Set.of("cache"));
        Map<String, Object> services = (Map<String, Object>) load(text).get("services");
        Map<String, Object> cache = (Map<String, Object>) services.get("cache");
        assertEquals(List.of(OverrideFile.SHARED_PROFILE), cache.get("profiles"));
        Map<String, Object> deps = (Map<String, Object>) ((Map<String, Object>) services.get("web")).get("depends_on");
        assertEquals(Set.of("db"), deps.keySet());
        assertTrue(text.contains("depends_on: !override"), text);
    }

    /** The shape compose config gives an arr stack: a renamed container on its own and an external network. */
    static final String EXTERNAL = """
            {"name": "piko-demo-e1", "services": {"prowlarr": {"image": "x", "container_name": "prowlarr",
              "networks": {"default": null, "arr": null, "media": null}, "volumes": [
                {"type": "volume", "source": "pg", "target": "/pg"}, {"type": "volume", "source": "cache", "target": "/c"}]}},
             "networks": {"default": {"name": "piko-demo-e1_default"}, "arr": {"name": "arr-stack", "external": true},
              "media": {"name": "media", "external": true}},
             "volumes": {"pg": {"name": "sentry-postgres", "external": true}, "cache": {"name": "cache", "external": true}}}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void externalNetworksAndVolumesStaySharedWithoutAliasesUnlessIsolated() {
        ComposeModel model = ComposeModel.parse(EXTERNAL);
        Map<String, Object> o = load(OverrideFile.render(model, DEMO, "e1", List.of(), Set.of(), Map.of(), Set.of("arr-stack", "pg")));
        Map<String, Object> prowlarr = (Map<String, Object>) ((Map<String, Object>) o.get("services")).get("prowlarr");
        assertEquals(Set.of("default", "arr"), ((Map<String, Object>) prowlarr.get("networks")).keySet(),
                "the old name is an alias on piko's networks only, not on the external media");
        Map<String, Object> arr = (Map<String, Object>) ((Map<String, Object>) o.get("networks")).get("arr");
        assertEquals(false, arr.get("external"));
        assertEquals("piko-demo-e1_arr", arr.get("name"));
        assertEquals("e1", ((Map<String, Object>) arr.get("labels")).get(Labels.ENVIRONMENT));
        assertFalse(((Map<String, Object>) o.get("networks")).containsKey("media"), "an external network is left alone");
        Map<String, Object> volumes = (Map<String, Object>) o.get("volumes");
        assertEquals("piko-demo-e1_pg", ((Map<String, Object>) volumes.get("pg")).get("name"), "isolated by its key");
        assertFalse(volumes.containsKey("cache"));

        List<String> warnings = Unisolated.warnings(model, Path.of("/w"), Set.of("arr-stack", "pg"));
        assertEquals(List.of("network media is external (Docker network media): every environment uses the same one, and its"
                        + " services' names resolve there to the containers of every environment; to give each environment its own,"
                        + " list media under isolate: in piko.yaml",
                "volume cache is external (Docker volume cache): every environment uses the same one, and they all read and"
                        + " write the same data; to give each environment its own, list cache under isolate: in piko.yaml"),
                warnings);
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesEachNetworkItsPlannedSubnet() throws Exception {
        ComposeModel model = fixture();
        assertEquals(Set.of("back", "front"), NetworkSubnets.networksOf(model, Set.of("cache")),
                "the default network only serves the parked cache");
        Map<String, piko.model.Cidr> subnets = Map.of("back", piko.model.Cidr.parse("10.210.4.0/24").orElseThrow(),
                "front", piko.model.Cidr.parse("10.210.5.0/24").orElseThrow());
        String text = OverrideFile.render(model, DEMO, "feat", ports(), Set.of("cache"), subnets);
        Map<String, Object> networks = (Map<String, Object>) load(text).get("networks");
        Map<String, Object> ipam = (Map<String, Object>) ((Map<String, Object>) networks.get("back")).get("ipam");
        assertEquals(List.of(Map.of("subnet", "10.210.4.0/24")), ipam.get("config"));
        assertTrue(text.contains("ipam: !override"), text);
        assertFalse(((Map<String, Object>) networks.get("default")).containsKey("ipam"));
    }

    /** A network that enables IPv6 gets an IPv6 subnet beside its IPv4 one (Docker has no IPv6 pool by default). */
    @Test
    @SuppressWarnings("unchecked")
    void aNetworkThatEnablesIpv6GetsAnIpv6SubnetToo() {
        ComposeModel model = ComposeModel.parse("""
                {"name": "piko-demo-e1", "services": {"web": {"image": "w", "networks": {"default": null, "v6": null}}},
                 "networks": {"default": {"name": "piko-demo-e1_default"},
                   "v6": {"name": "piko-demo-e1_v6", "enable_ipv6": true, "ipam": {"config": [{"subnet": "fd00:1::/64"}]}}}}
                """);
        assertTrue(model.networks().get("v6").ipv6());
        Map<String, piko.model.Cidr> subnets = Map.of("default", piko.model.Cidr.parse("10.210.4.0/24").orElseThrow(),
                "v6", piko.model.Cidr.parse("10.210.5.0/24").orElseThrow());
        Map<String, Object> networks = (Map<String, Object>) load(OverrideFile.render(model, DEMO, "e1", List.of(), Set.of(), subnets))
                .get("networks");
        assertEquals(List.of(Map.of("subnet", "10.210.5.0/24"), Map.of("subnet", "fd70:696b:ad2:500::/64")),
                ((Map<String, Object>) ((Map<String, Object>) networks.get("v6")).get("ipam")).get("config"),
                "the file's own IPv6 subnet is replaced, as its IPv4 ones are");
        assertEquals(List.of(Map.of("subnet", "10.210.4.0/24")),
                ((Map<String, Object>) ((Map<String, Object>) networks.get("default")).get("ipam")).get("config"));

        Map<String, Object> shared = (Map<String, Object>) load(OverrideFile.renderShared(model, Set.of("web"), DEMO, List.of(),
                subnets, Set.of())).get("networks");
        assertEquals(List.of(Map.of("subnet", "10.210.5.0/24"), Map.of("subnet", "fd70:696b:ad2:500::/64")),
                ((Map<String, Object>) ((Map<String, Object>) shared.get("v6")).get("ipam")).get("config"), "the shared project's too");
    }

    /** n8n's shape: app links to redis under another name; side runs in web's network namespace. */
    static final String TIES = """
            {"name": "piko-demo-e1", "services": {
              "redis": {"image": "r"}, "db": {"image": "d"}, "web": {"image": "w"},
              "app": {"image": "a", "links": ["redis:cache", "db"], "depends_on": {"redis": {"condition": "service_started"},
                "db": {"condition": "service_started"}}},
              "side": {"image": "s", "network_mode": "service:web", "volumes_from": ["db", "container:other"], "ipc": "service:db"}}}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void linksToASharedServiceAreDroppedAndServicesTiedToOneAreNamed() {
        ComposeModel model = ComposeModel.parse(TIES);
        Map<String, Object> o = load(OverrideFile.render(model, DEMO, "e1", List.of(), Set.of("redis")));
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) o.get("services")).get("app");
        assertEquals(List.of("db"), app.get("links"), "a link is only a name: the shared redis answers to it");
        assertEquals(Set.of("db"), ((Map<String, Object>) app.get("depends_on")).keySet());
        assertEquals(List.of("cache"), model.linkAliases("redis"));
        assertEquals(List.of(), model.tiedTo("redis", Set.of()));
        assertEquals(List.of("side (network_mode: service:web)"), model.tiedTo("web", Set.of()));
        assertEquals(List.of("side (ipc: service:db, volumes_from: db)"), model.tiedTo("db", Set.of()));
        assertEquals(List.of(), model.tiedTo("db", Set.of("side")), "side shared too: both run in the shared project");
    }

    @Test
    void quotesStringsSafely() {
        assertEquals("\"a\\\"b\\\\c\\n\"", OverrideFile.q("a\"b\\c\n"));
    }
}
