package piko.docker;

import piko.error.ExitCode;
import java.util.List;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Result;

/** The checks before work: the daemon answers, and the compose plugin is there and new enough. */
final class Versions {
    private final DockerCli cli;

    Versions(DockerCli cli) {
        this.cli = cli;
    }

    /** The compose v2 plugin's version; fails unless it is there and new enough for the override tags piko writes. */
    ComposeVersion composeVersion() {
        ComposeVersion found;
        try {
            found = ComposeVersion.parse(cli.cache().version(() -> asked().toString()));
        } catch (IllegalArgumentException damagedCache) {
            found = asked();
        }
        if (found.compareTo(ComposeVersion.MINIMUM) < 0) {
            throw new PikoException("Docker Compose " + found + " is too old: piko needs " + ComposeVersion.MINIMUM + " or newer",
                    "upgrade the Compose v2 plugin (docker compose version) to " + ComposeVersion.MINIMUM + " or newer", ExitCode.UNAVAILABLE);
        }
        return found;
    }

    /** compose's version as the plugin tells it; fails when it cannot be asked or read. */
    private ComposeVersion asked() {
        Result r = cli.stable(cli.quick(List.of("docker", "compose", "version", "--short")), "");
        String upgrade = "install the Compose v2 plugin, version " + ComposeVersion.MINIMUM + " or newer";
        if (!r.ok()) {
            throw new PikoException("Docker Compose v2 is not available (docker compose version failed: "
                    + DockerErrors.firstLine(r.output()) + ")", upgrade, ExitCode.UNAVAILABLE);
        }
        try {
            return ComposeVersion.parse(r.stdout().strip());
        } catch (IllegalArgumentException e) {
            throw new PikoException("cannot read the Docker Compose version from '" + DockerErrors.firstLine(r.output()) + "'",
                    upgrade, ExitCode.UNAVAILABLE);
        }
    }

    /** Fails unless the Docker daemon answers, within seconds (compose config and the version check work without it). */
    void requireDaemon() {
        Result r = cli.daemon().require();
        if (!r.ok()) {
            DockerErrors.requireReachable(r);
            throw new PikoException("docker version failed: " + DockerErrors.firstLine(r.output()));
        }
    }
}
