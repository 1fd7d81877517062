package piko.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;

/**
 * Volumes copied by `cp -a` inside one container of an image that has a shell, cp and du (a
 * service's own image, usually): one docker process for all the volumes given, at the speed of
 * the storage. An image without them is told apart before anything is copied, so the caller can
 * fall back to the archive stream on untouched targets.
 */
final class CopyInContainer {
    /**
     * A fixed script (no input of anyone's in it): exit 127 before cp runs when a tool is missing;
     * the sizes of the copies (KiB, one line per target given as an argument) after it.
     */
    static final String SCRIPT = "command -v cp >/dev/null 2>&1 && command -v du >/dev/null 2>&1 || exit 127\n"
            + "cp -a /piko-from/. /piko-to/ && du -sk \"$@\"";
    /** What docker run exits with when the image has no sh (the container never started), and the script without cp or du. */
    private static final int NOT_FOUND = 127;

    private CopyInContainer() {
    }

    /** The run's arguments: source i mounted read-only at /piko-from/i, its target at /piko-to/i. */
    static List<String> command(Map<String, String> fromTo, String image) {
        List<String> volumes = new ArrayList<>(fromTo.keySet());
        volumes.addAll(fromTo.values());
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm", "--sig-proxy=false", "--network", "none",
                "--log-driver", "none", "--no-healthcheck", "--user", "0:0", "--label", VolumeCopies.HELPER_LABEL + "=" + String.join(",", volumes), "--entrypoint", "sh"));
        int i = 0;
        for (Map.Entry<String, String> e : fromTo.entrySet()) {
            cmd.addAll(List.of("--mount", "type=volume,src=" + e.getKey() + ",dst=/piko-from/" + i + ",readonly",
                    "--mount", "type=volume,src=" + e.getValue() + ",dst=/piko-to/" + i + ",volume-nocopy"));
            i++;
        }
        cmd.addAll(List.of(image, "-c", SCRIPT, "piko-copy"));
        for (int j = 0; j < fromTo.size(); j++) {
            cmd.add("/piko-to/" + j);
        }
        return cmd;
    }

    /** The size of each copy by target volume; empty when the image lacks sh, cp or du (then nothing was copied). */
    static Optional<Map<String, Long>> copy(ProcessRunner runner, Map<String, String> fromTo, String image, Duration limit) {
        Result r = runner.run(Call.of(limit, command(fromTo, image)));
        if (r.exitCode() == NOT_FOUND) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new PikoException("copying volumes " + String.join(", ", fromTo.keySet()) + " in a container of " + image
                    + " failed: " + r.output().strip(), "the unfinished copies were removed; see the engine's room with: docker system df");
        }
        return Optional.of(sizes(r.stdout(), new ArrayList<>(fromTo.values())));
    }

    /** du -sk's lines ("12\t/piko-to/0") as bytes by target volume. */
    static Map<String, Long> sizes(String du, List<String> targets) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        targets.forEach(t -> bytes.put(t, 0L));
        for (String line : du.split("\n")) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && f[0].matches("[0-9]+") && f[1].matches("/piko-to/[0-9]{1,6}")) {
                int i = Integer.parseInt(f[1].substring("/piko-to/".length()));
                if (i < targets.size()) {
                    bytes.put(targets.get(i), Long.parseLong(f[0]) * 1024);
                }
            }
        }
        return bytes;
    }
}
