package piko.docker;

import java.util.ArrayList;
import java.util.List;
import piko.error.PikoException;
import piko.model.Labels;

/** The images compose builds for a project. */
final class Images {
    private final DockerCli cli;

    Images(DockerCli cli) {
        this.cli = cli;
    }

    /**
     * The images compose built for a project without an `image:` name: compose names them
     * `<project>-<service>` and labels them with the project. Images the user named are not listed.
     */
    List<String> built(String composeProject) {
        String out = cli.readChecked(cli.quick(List.of("docker", "image", "ls", "--filter",
                        "label=" + Labels.COMPOSE_PROJECT + "=" + composeProject, "--format", "{{.Repository}}:{{.Tag}}")),
                r -> new PikoException("docker image ls failed: " + DockerErrors.firstLine(r.output()))).stdout();
        return out.lines().filter(i -> i.startsWith(composeProject + "-") && !i.contains("<none>")).toList();
    }

    /** Removes images; false when Docker refused (an image still in use elsewhere). */
    boolean remove(List<String> images) {
        if (images.isEmpty()) {
            return true;
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "image", "rm", "--"));
        cmd.addAll(images);
        return cli.run(cli.quick(cmd)).ok();
    }
}
