package piko.model;

import java.util.Comparator;

/** A container port that needs a host port: (service, target port, protocol). */
public record PortRequest(String service, int target, String protocol) implements Comparable<PortRequest> {
    private static final Comparator<PortRequest> ORDER = Comparator.comparing(PortRequest::service)
            .thenComparingInt(PortRequest::target).thenComparing(PortRequest::protocol);

    @Override
    public int compareTo(PortRequest o) {
        return ORDER.compare(this, o);
    }
}
