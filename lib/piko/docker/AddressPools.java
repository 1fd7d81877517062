package piko.docker;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import piko.error.PikoException;

/**
 * Docker's "could not find an available, non-overlapping IPv4 address pool": its default address
 * pools (about 30 networks on a stock daemon) have no subnet left for a network compose creates
 * without one, that is a network piko did not plan (piko gives its own networks subnets from its
 * own pool, see NetworkSubnets); or, for IPv6 when PIKO_SUBNET6_POOL is off, the daemon has no IPv6 pool at all.
 */
final class AddressPools {
    private static final Pattern EXHAUSTED = Pattern.compile("could not find an available, non-overlapping (IPv[46]) address pool");
    private static final Pattern CREATING = Pattern.compile("Network (\\S+)\\s+Creating");

    private AddressPools() {
    }

    /** The error to give for a failed compose run, when its output is that refusal; networks: how many Docker holds. */
    static Optional<PikoException> refusal(String output, IntSupplier networks) {
        Matcher m = EXHAUSTED.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        String network = null;
        for (Matcher c = CREATING.matcher(output); c.find(); ) {
            network = c.group(1).replace("\"", "");  // the last network compose began to create
        }
        String which = network == null ? "a new network" : "network " + network;
        int count = networks.getAsInt();
        String holds = count < 0 ? "" : " (Docker holds " + count + " networks)";
        if (m.group(1).equals("IPv6")) {
            return Optional.of(new PikoException(which + " enables IPv6, and Docker has no IPv6 address pool to give it a"
                    + " subnet from" + holds, "piko gives it one from PIKO_SUBNET6_POOL unless that is off: unset it, or add an IPv6"
                    + " range to \"default-address-pools\" in /etc/docker/daemon.json and restart Docker"));
        }
        return Optional.of(new PikoException("Docker's default address pools have no subnet left for " + which + holds,
                "piko's own networks take theirs from PIKO_SUBNET_POOL, not from Docker's pools; free Docker's: docker network"
                        + " prune (removes every network no container uses), or widen \"default-address-pools\" in"
                        + " /etc/docker/daemon.json and restart Docker"));
    }
}
