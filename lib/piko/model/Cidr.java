package piko.model;

/** An IPv4 range in CIDR notation (10.210.3.0/24): its first address and its prefix length. */
public record Cidr(long start, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
        start = start & mask(prefix);
    }

    /** Parses "a.b.c.d/n"; empty for anything else (IPv6 included). */
    public static java.util.Optional<Cidr> parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})")
                .matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) return java.util.Optional.empty();
            address = address << 8 | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        return prefix > 32 ? java.util.Optional.empty() : java.util.Optional.of(new Cidr(address, prefix));
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public long end() {
        return start + size() - 1;
    }

    public boolean overlaps(Cidr other) {
        return start <= other.end() && other.start <= end();
    }

    /** The index-th range of the given prefix inside this one. */
    public Cidr part(long index, int partPrefix) {
        return new Cidr(start + index * (1L << (32 - partPrefix)), partPrefix);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return (start >> 24 & 255) + "." + (start >> 16 & 255) + "." + (start >> 8 & 255) + "." + (start & 255) + "/" + prefix;
    }
}
