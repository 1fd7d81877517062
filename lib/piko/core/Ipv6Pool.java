package piko.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import piko.error.ExitCode;
import piko.error.PikoException;
import piko.model.Cidr;

/**
 * Where a network that enables IPv6 (enable_ipv6: true) gets its IPv6 subnet: PIKO_SUBNET6_POOL, a
 * unique local range of /32 or wider (default fd70:696b::/32); "off" leaves IPv6 subnets to
 * Docker's own address pools (a stock daemon has none, and refuses such a network). Each network's
 * /64 carries the address of the IPv4 subnet piko planned and recorded for it in its next 32 bits
 * (10.210.3.0/24 gives fd70:696b:ad2:300::/64): as unique as that subnet, so it needs no record of
 * its own, and it follows the IPv4 subnet when that is planned again.
 */
public record Ipv6Pool(long prefix32) {
    public static final String POOL_ENV = "PIKO_SUBNET6_POOL";
    public static final Ipv6Pool DEFAULT = new Ipv6Pool(0xfd70696bL);
    public static final String OFF = "off";

    /** The pool PIKO_SUBNET6_POOL names; empty for "off". */
    public static Optional<Ipv6Pool> fromEnvironment(Function<String, String> getenv) {
        String value = getenv.apply(POOL_ENV);
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        if (value.strip().equalsIgnoreCase(OFF)) {
            return Optional.empty();
        }
        return Optional.of(parse(value.strip()).orElseThrow(() -> new PikoException(POOL_ENV
                + " is not a unique local IPv6 range of /32 or wider: '" + value + "'",
                "set it like " + DEFAULT + ", or to " + OFF + " (Docker's own pools then give IPv6 subnets), or unset it",
                ExitCode.USAGE)));
    }

    public static Optional<Ipv6Pool> fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** "fdxx:xxxx::/n" with n at most 32, inside fc00::/7; the address is never looked up (a literal only). */
    static Optional<Ipv6Pool> parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9a-fA-F:]*:[0-9a-fA-F:]*)/(\\d{1,3})").matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 32) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = java.net.InetAddress.getByName(m.group(1)).getAddress();  // a literal with ':' is parsed, never resolved
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
        if (bytes.length != 16 || (bytes[0] & 0xfe) != 0xfc) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(m.group(2));
        long high = (bytes[0] & 0xffL) << 24 | (bytes[1] & 0xffL) << 16 | (bytes[2] & 0xffL) << 8 | (bytes[3] & 0xffL);
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return Optional.of(new Ipv6Pool(high & mask));
    }

    /** The /64 of a network whose IPv4 subnet is this one, as Docker writes it (zero groups at the end left out). */
    public String subnetFor(Cidr ipv4) {
        List<String> groups = new ArrayList<>();
        for (long g : new long[] {prefix32 >> 16, prefix32 & 0xffff, ipv4.start() >> 16, ipv4.start() & 0xffff}) {
            groups.add(Long.toHexString(g));
        }
        while (groups.get(groups.size() - 1).equals("0")) {
            groups.remove(groups.size() - 1);  // the first group never is: the range is unique local
        }
        return String.join(":", groups) + "::/64";
    }

    @Override
    public String toString() {
        return String.format("%x:%x::/32", prefix32 >> 16, prefix32 & 0xffff);
    }
}
