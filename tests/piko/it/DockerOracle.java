package piko.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * What Docker really holds, read through Testcontainers' Docker client: an oracle independent of
 * piko's own docker module, so a test never checks piko with piko.
 */
final class DockerOracle {
    private DockerOracle() {
    }

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    static boolean available() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static List<Container> containers(String labelKey, String labelValue) {
        return client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(labelKey, labelValue)).exec();
    }

    static boolean networkExists(String name) {
        return client().listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
    }

    static List<String> volumesOfProject(String composeProject) {
        var volumes = client().listVolumesCmd()
                .withFilter("label", List.of("com.docker.compose.project=" + composeProject)).exec().getVolumes();
        return volumes == null ? List.of() : volumes.stream().map(v -> v.getName()).toList();
    }
}
