package piko.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import piko.error.PikoException;
import piko.model.PortAllocation;

/**
 * Docker refused to publish a host port piko planned: something took it between the probe and the
 * start (another piko, another engine user). The plan is made again around the ports Docker names
 * (the probe may find them free again by then), and what moved is said. Environments and the
 * shared project both start this way.
 */
record PortConflict(Set<Integer> refused) {
    /** No conflict: the plan as the probe sees the host. */
    static final PortConflict NONE = new PortConflict(Set.of());

    private static final Pattern NAMED = Pattern.compile(
            "Bind for \\S*:(\\d+) failed: port is already allocated|listen \\S+ \\S*:(\\d+): bind: address already in use");

    /** The conflict a failed start reports, if it is one (its ports, where Docker names them). */
    static Optional<PortConflict> of(PikoException e) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("port is already allocated") && !m.contains("address already in use")) {
            return Optional.empty();
        }
        Set<Integer> ports = new TreeSet<>();
        Matcher named = NAMED.matcher(m);
        while (named.find()) {
            ports.add(Integer.parseInt(named.group(1) != null ? named.group(1) : named.group(2)));
        }
        return Optional.of(new PortConflict(Set.copyOf(ports)));
    }

    /** The probe, with the ports Docker refused counted as busy. */
    IntPredicate free(PortProbe probe) {
        return port -> !refused.contains(port) && probe.isFree(port);
    }

    /** Whether a planned port may stay: not refused, and free or published by the scope's own containers. */
    IntPredicate keep(PortProbe probe, IntPredicate published) {
        return port -> !refused.contains(port) && (probe.isFree(port) || published.test(port));
    }

    /** Says which host ports changed (whose: "" or "shared "); true when any did. */
    static boolean reportMoved(Reporter out, String whose, List<PortAllocation> before, List<PortAllocation> after) {
        boolean moved = false;
        for (PortAllocation a : after) {
            for (PortAllocation b : before) {
                if (b.request().equals(a.request()) && b.hostPort() != a.hostPort()) {
                    out.info("Host port of " + whose + a.service() + " " + a.target() + "/" + a.protocol() + " is now "
                            + a.hostPort() + " (was " + b.hostPort() + ")");
                    moved = true;
                }
            }
        }
        return moved;
    }
}
