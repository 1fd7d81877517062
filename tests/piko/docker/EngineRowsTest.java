package piko.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piko.core.LabelledObjects.Kind;
import piko.model.Cidr;

/** The Engine API's answers (as Engine 20.10 gives them) read into the same rows the docker CLI's formatted listings give. */
class EngineRowsTest {
    /** One container of /containers/json, as the daemon wrote it (a bind mount, a volume, a published port, two networks). */
    static final String PS = "[{\"Id\":\"7dc547fa83\",\"Names\":[\"/piko-shop-e1-web-1\"],\"Image\":\"piko-test/busybox:1\","
            + "\"Command\":\"sleep 60\",\"Created\":1796547726,\"Ports\":[{\"IP\":\"0.0.0.0\",\"PrivatePort\":8080,\"PublicPort\":10180,"
            + "\"Type\":\"tcp\"},{\"IP\":\"::\",\"PrivatePort\":8080,\"PublicPort\":10180,\"Type\":\"tcp\"},{\"PrivatePort\":53,"
            + "\"Type\":\"udp\"}],\"Labels\":{\"com.docker.compose.project\":\"piko-shop-e1\",\"com.docker.compose.service\":\"web\","
            + "\"dev.piko.project\":\"shop\",\"dev.piko.environment\":\"e1\",\"dev.piko.test\":\"a\\u003cb\\u003e\"},"
            + "\"State\":\"running\",\"Status\":\"Up 3 minutes (healthy)\",\"HostConfig\":{\"NetworkMode\":\"default\"},"
            + "\"NetworkSettings\":{\"Networks\":{\"piko-shop-shared\":{\"IPAMConfig\":null},\"piko-shop-e1\":{\"IPAMConfig\":null}}},"
            + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Destination\":\"/host\",\"Mode\":\"\",\"RW\":true},"
            + "{\"Type\":\"volume\",\"Name\":\"piko-shop-e1_data\",\"Source\":\"/var/lib/docker/volumes/piko-shop-e1_data/_data\","
            + "\"Destination\":\"/data\",\"Driver\":\"local\"}]},"
            + "{\"Id\":\"99\",\"Names\":[\"/other/alias\",\"/plain\"],\"Ports\":[],\"Labels\":null,\"State\":\"exited\","
            + "\"Status\":\"Exited (0) 2 hours ago\",\"NetworkSettings\":{\"Networks\":{}},\"Mounts\":[]}]";

    @Test
    void containersAsDockerPsFormatsEachColumn() {
        List<String[]> rows = EngineRows.containers(PS, List.of("ID", "Names", "com.docker.compose.project", "State", "Status",
                "Networks", "Ports", "Mounts", "dev.piko.test", "dev.piko.identity"));
        assertArrayEquals(new String[] {"7dc547fa83", "piko-shop-e1-web-1", "piko-shop-e1", "running", "Up 3 minutes (healthy)",
            "piko-shop-e1,piko-shop-shared", "0.0.0.0:10180->8080/tcp, :::10180->8080/tcp, 53/udp", "/tmp,piko-shop-e1_data",
            "a<b>", ""}, rows.get(0));
        assertArrayEquals(new String[] {"99", "plain", "", "exited", "Exited (0) 2 hours ago", "", "", "", "", ""}, rows.get(1),
                "a container's own name, not a legacy link's; no labels read as empty");
        assertEquals(java.util.Set.of(10180), Containers.parsePublished(rows.get(0)[6]), "the CLI's port parser reads the API's text");
    }

    @Test
    void labelledObjectsOfEachKind() {
        List<String> keys = List.of("dev.piko.project", "dev.piko.identity");
        assertEquals(List.of(Map.of("name", "piko-shop-e1-web-1", "dev.piko.project", "shop", "dev.piko.identity", ""),
                Map.of("name", "plain", "dev.piko.project", "", "dev.piko.identity", "")), EngineRows.labelled(Kind.CONTAINER, PS, keys));
        String networks = "[{\"Name\":\"piko-shop-e1\",\"Id\":\"n1\",\"Labels\":{\"dev.piko.project\":\"shop\",\"dev.piko.identity\":\"x1\"},"
                + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.210.3.0/24\",\"Gateway\":\"10.210.3.1\"},"
                + "{\"Subnet\":\"fd00::/64\"}]},\"Containers\":{}},{\"Name\":\"bridge\",\"Labels\":{},\"IPAM\":{\"Config\":"
                + "[{\"Subnet\":\"172.17.0.0/16\"}]}},{\"Name\":\"none\",\"Labels\":{},\"IPAM\":{\"Config\":null}}]";
        assertEquals(List.of(Map.of("name", "piko-shop-e1", "dev.piko.project", "shop", "dev.piko.identity", "x1"),
                Map.of("name", "bridge", "dev.piko.project", "", "dev.piko.identity", ""),
                Map.of("name", "none", "dev.piko.project", "", "dev.piko.identity", "")), EngineRows.labelled(Kind.NETWORK, networks, keys));
        assertEquals(List.of(Cidr.parse("10.210.3.0/24").orElseThrow(), Cidr.parse("172.17.0.0/16").orElseThrow()),
                EngineRows.subnets(networks, "com.docker.compose.project", "piko-shop-e2"));
        String volumes = "{\"Volumes\":[{\"Name\":\"piko-shop-e1_data\",\"Driver\":\"local\",\"Labels\":{\"dev.piko.project\":\"shop\"}},"
                + "{\"Name\":\"anon\",\"Labels\":null}],\"Warnings\":null}";
        assertEquals(List.of(Map.of("name", "piko-shop-e1_data", "dev.piko.project", "shop", "dev.piko.identity", ""),
                Map.of("name", "anon", "dev.piko.project", "", "dev.piko.identity", "")), EngineRows.labelled(Kind.VOLUME, volumes, keys));
        assertEquals(List.of(), EngineRows.labelled(Kind.VOLUME, "{\"Volumes\":null,\"Warnings\":null}", keys));
    }

    @Test
    void aContainersNetworksAndImageTags() {
        assertEquals(List.of("a", "b"), EngineRows.attachedNetworks("{\"Name\":\"/web\",\"NetworkSettings\":{\"Networks\":"
                + "{\"b\":{},\"a\":{}}}}"));
        assertEquals(List.of(), EngineRows.attachedNetworks("{\"Name\":\"/web\",\"NetworkSettings\":{\"Networks\":null}}"));
        assertEquals(List.of("piko-shop-e1-web:latest", "piko-shop-e1-web:v2", "<none>:<none>", "<none>:<none>"),
                EngineRows.imageTags("[{\"RepoTags\":[\"piko-shop-e1-web:latest\",\"piko-shop-e1-web:v2\"]},{\"RepoTags\":null},"
                        + "{\"RepoTags\":[]}]"));
    }

    @Test
    void filtersAndNamesAsTheApiTakesThem() {
        assertEquals("{\"label\":[\"com.docker.compose.project=piko-shop-e1\"]}",
                EngineApi.filters("label=com.docker.compose.project=piko-shop-e1"));
        assertEquals("{\"name\":[\"piko-shop-\"]}", EngineApi.filters("name=piko-shop-"));
        assertEquals("\"a\\\"b\\\\c\\u000a\\u00e9\"", EngineApi.quoted("a\"b\\c\n\u00e9"));
        assertEquals("piko-shop-e1", EngineApi.segment("piko-shop-e1"));
        assertEquals("a%2Fb%20c", EngineApi.segment("a/b c"));
        assertEquals("No such container: x", EngineApi.message("{\"message\":\"No such container: x\"}\n"));
        assertEquals("page not found", EngineApi.message("page not found\n"));
    }
}
