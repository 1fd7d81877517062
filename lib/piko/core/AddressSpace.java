package piko.core;

import java.util.List;
import piko.model.Cidr;

/** The IPv4 address space taken on the host, for planning subnets (a role of ComposeGateway). */
public interface AddressSpace {
    /** The host's IPv4 routes, the default route left out (local Docker bridges have one each). */
    List<Cidr> hostRoutes();

    /** The IPv4 subnets of every Docker network but those of one compose project. */
    List<Cidr> networkSubnets(String exceptComposeProject);
}
