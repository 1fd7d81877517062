package piko.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import piko.error.PikoException;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Call;
import piko.exec.ProcessRunner.Result;
import piko.exec.Timeouts;
import piko.model.Cidr;
import piko.model.Labels;

/**
 * The address space already in use: the host's IPv4 routes (read from the kernel, no process;
 * every local Docker bridge has one) and, when Docker refused a subnet, the subnets of all of
 * Docker's networks (a remote daemon's, or a network without a bridge address).
 */
final class Subnets {
    static final Path ROUTES = Path.of("/proc/net/route");

    private Subnets() {
    }

    /** The host's IPv4 routes but the default one; none where the kernel does not say (not Linux). */
    static List<Cidr> hostRoutes(Path routes) {
        List<String> lines;
        try {
            lines = Files.exists(routes) ? Files.readAllLines(routes) : List.of();
        } catch (IOException e) {
            return List.of();
        }
        List<Cidr> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) continue;
            try {
                long destination = Integer.reverseBytes((int) Long.parseLong(f[1], 16)) & 0xFFFFFFFFL;
                int prefix = Long.bitCount(Long.parseLong(f[7], 16));
                if (prefix > 0) out.add(new Cidr(destination, prefix));
            } catch (NumberFormatException e) {
                // a line the kernel formats otherwise: not a route piko can read
            }
        }
        return out;
    }

    /**
     * Every IPv4 subnet of Docker's networks, except those of one compose project, asked anew: one
     * Engine API request where piko can ask it, else two docker processes.
     */
    static List<Cidr> ofNetworks(DockerCli cli, String exceptComposeProject) {
        ProcessRunner runner = cli.runner();  // forgets what was asked before: the networks may have changed since
        Result api = cli.apiReadChecked("/networks", java.util.Map.of(), null, "docker network ls");
        return api != null ? EngineRows.subnets(api.stdout(), Labels.COMPOSE_PROJECT, exceptComposeProject)
                : ofNetworks(runner, cli.timeouts(), exceptComposeProject);
    }

    private static List<Cidr> ofNetworks(ProcessRunner runner, Timeouts timeouts, String exceptComposeProject) {
        Result ids = runner.run(Call.of(timeouts.docker(), List.of("docker", "network", "ls", "-q")).timeoutSetBy("timeouts.docker"));
        if (!ids.ok()) {
            throw new PikoException("docker network ls failed:\n" + ids.output());
        }
        List<String> cmd = new ArrayList<>(List.of("docker", "network", "inspect", "--format",
                "{{index .Labels \"" + Labels.COMPOSE_PROJECT + "\"}}\t{{range .IPAM.Config}}{{.Subnet}} {{end}}"));
        ids.stdout().lines().filter(l -> !l.isBlank()).forEach(cmd::add);
        if (cmd.size() == 5) {
            return List.of();
        }
        Result r = runner.run(Call.of(timeouts.docker(), cmd).timeoutSetBy("timeouts.docker"));
        List<Cidr> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 2 || f[0].equals(exceptComposeProject)) continue;
            for (String s : f[1].trim().split("\\s+")) {
                Cidr.parse(s).ifPresent(out::add);
            }
        }
        return out;
    }
}
