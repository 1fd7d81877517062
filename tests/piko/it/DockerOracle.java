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

    /** Every container, network, volume and image that carries the label or whose name starts with the prefix. */
    static List<String> anythingOf(String labelKey, String labelValue, String namePrefix) {
        List<String> found = new java.util.ArrayList<>();
        client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getLabels() != null && labelValue.equals(c.getLabels().get(labelKey))
                        || java.util.Arrays.stream(c.getNames()).anyMatch(n -> n.startsWith("/" + namePrefix)))
                .forEach(c -> found.add("container " + String.join(",", c.getNames())));
        client().listNetworksCmd().exec().stream()
                .filter(n -> n.getLabels() != null && labelValue.equals(n.getLabels().get(labelKey)) || n.getName().startsWith(namePrefix))
                .forEach(n -> found.add("network " + n.getName()));
        var volumes = client().listVolumesCmd().exec().getVolumes();
        (volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes).stream()
                .filter(v -> v.getLabels() != null && labelValue.equals(v.getLabels().get(labelKey)) || v.getName().startsWith(namePrefix))
                .forEach(v -> found.add("volume " + v.getName()));
        client().listImagesCmd().exec().stream()
                .filter(i -> i.getLabels() != null && labelValue.equals(i.getLabels().get(labelKey))
                        || i.getRepoTags() != null && java.util.Arrays.stream(i.getRepoTags()).anyMatch(t -> t.startsWith(namePrefix)))
                .forEach(i -> found.add("image " + (i.getRepoTags() == null ? i.getId() : String.join(",", i.getRepoTags()))));
        return found;
    }
}
