package piko.core;

import piko.error.ExitCode;
import java.util.function.Function;
import piko.error.PikoException;
import piko.model.Cidr;

/**
 * The range piko cuts its networks' subnets from, machine-wide: PIKO_SUBNET_POOL (default
 * 10.210.0.0/16) in subnets of PIKO_SUBNET_SIZE bits (default 24), so a stock Docker daemon's
 * default address pools (about 30 networks) no longer limit the number of environments.
 */
public record SubnetPool(Cidr range, int size) {
    public static final String POOL_ENV = "PIKO_SUBNET_POOL";
    public static final String SIZE_ENV = "PIKO_SUBNET_SIZE";
    public static final SubnetPool DEFAULT = new SubnetPool(Cidr.parse("10.210.0.0/16").orElseThrow(), 24);

    public static SubnetPool fromEnvironment(Function<String, String> getenv) {
        String pool = getenv.apply(POOL_ENV);
        String size = getenv.apply(SIZE_ENV);
        Cidr range = pool == null || pool.isBlank() ? DEFAULT.range() : Cidr.parse(pool).orElseThrow(() -> new PikoException(
                POOL_ENV + " is not an IPv4 range: '" + pool + "'", "set it like " + DEFAULT.range() + ", or unset it", ExitCode.USAGE));
        int bits;
        try {
            bits = size == null || size.isBlank() ? DEFAULT.size() : Integer.parseInt(size.strip().replace("/", ""));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < range.prefix() || bits > 29) {
            throw new PikoException(SIZE_ENV + " must be a prefix length from " + range.prefix() + " (the pool's own) to 29: '"
                    + size + "'", "set it like " + DEFAULT.size() + ", or unset it", ExitCode.USAGE);
        }
        return new SubnetPool(range, bits);
    }

    public static SubnetPool fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** How many subnets the pool holds. */
    public long count() {
        return 1L << (size - range.prefix());
    }

    public Cidr subnet(long index) {
        return range.part(index, size);
    }

    /** Whether a subnet is one of the pool's (inside it, of its size). */
    public boolean holds(Cidr subnet) {
        return subnet.prefix() == size && range.overlaps(subnet) && subnet.start() >= range.start() && subnet.end() <= range.end();
    }

    @Override
    public String toString() {
        return range + " in /" + size + " subnets";
    }
}
