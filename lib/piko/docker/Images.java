package piko.docker;

import java.util.ArrayList;
import java.util.List;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Result;
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
        String label = "label=" + Labels.COMPOSE_PROJECT + "=" + composeProject;
        java.util.function.Function<Result, PikoException> failed =
                r -> new PikoException("docker image ls failed: " + DockerErrors.firstLine(r.output()));
        Result api = cli.apiRead("/images/json", java.util.Map.of("filters", EngineApi.filters(label)), composeProject);
        if (api != null && !api.ok()) {
            DockerErrors.requireReachable(api);
            throw failed.apply(api);
        }
        List<String> tags = api != null ? EngineRows.imageTags(api.stdout()) : cli.readChecked(cli.quick(List.of("docker", "image", "ls",
                "--filter", label, "--format", "{{.Repository}}:{{.Tag}}")), failed).stdout().lines().toList();
        return tags.stream().filter(i -> i.startsWith(composeProject + "-") && !i.contains("<none>")).toList();
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
