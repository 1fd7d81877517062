package piko.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import piko.model.ComposeModel;
import piko.model.ComposeModel.Bind;
import piko.model.ComposeModel.Resource;
import piko.model.ComposeModel.Service;

/**
 * What a compose file makes every environment share, which piko cannot keep apart (host network
 * mode, writable bind mounts from outside the worktree, the Docker socket, privileged mode, the
 * host's process namespace), and what piko keeps
 * apart by dropping it (fixed subnets and addresses): one warning per service and reason; and the
 * external networks and volumes every environment joins, unless piko.yaml's `isolate:` names them.
 */
public final class Unisolated {
    private Unisolated() {
    }

    /** worktree: compose's project directory, under which bind mounts are the environment's own. */
    public static List<String> warnings(ComposeModel model, Path worktree) {
        return warnings(model, worktree, java.util.Set.of());
    }

    /** isolated: piko.yaml's isolate list (keys or Docker names of external networks and volumes). */
    public static List<String> warnings(ComposeModel model, Path worktree, java.util.Set<String> isolated) {
        List<String> out = new ArrayList<>();
        for (Service s : model.services().values()) {
            if ("host".equals(s.networkMode())) {
                out.add(s.name() + " uses network_mode: host: its ports and network are the host's, the same in every environment");
            }
            if (s.privileged()) {
                out.add(s.name() + " runs privileged: it reaches the host's devices and every environment's containers");
            }
            if ("host".equals(s.pid())) {
                out.add(s.name() + " uses pid: host: it sees and can signal every process of the host, every environment's too");
            }
            for (Bind b : s.binds()) {
                if (b.source().endsWith("/docker.sock")) {
                    out.add(s.name() + " mounts the Docker socket (" + b.source() + "): it sees and can change every environment's containers");
                } else if (!b.readOnly() && !Path.of(b.source()).normalize().startsWith(worktree)) {
                    out.add(s.name() + " mounts " + b.source() + " from outside the worktree at " + b.target()
                            + ": every environment reads and writes the same files");
                }
            }
            for (Map.Entry<String, List<String>> f : s.fixedAddresses().entrySet()) {
                out.add(s.name() + " pins " + String.join(", ", f.getValue()) + " on network " + f.getKey()
                        + ": dropped, so that environments do not collide; reach it by its service name");
            }
        }
        external(out, "network", model.networks(), isolated,
                "its services' names resolve there to the containers of every environment");
        external(out, "volume", model.volumes(), isolated, "they all read and write the same data");
        for (Resource n : model.networks().values()) {
            if (!n.external() && !n.subnets().isEmpty()) {
                out.add("network " + n.key() + " pins subnet " + String.join(", ", n.subnets())
                        + ": dropped, so that each environment gets its own (Docker refuses overlapping pools)");
            }
        }
        return out;
    }

    private static void external(List<String> out, String kind, Map<String, Resource> resources,
                                 java.util.Set<String> isolated, String consequence) {
        for (Resource r : resources.values()) {
            if (r.external() && !isolated.contains(r.key()) && (r.name() == null || !isolated.contains(r.name()))) {
                out.add(kind + " " + r.key() + " is external (Docker " + kind + " " + (r.name() == null ? r.key() : r.name()) + "): every environment uses"
                        + " the same one, and " + consequence + "; to give each environment its own, list " + r.key()
                        + " under isolate: in piko.yaml");
            }
        }
    }
}
