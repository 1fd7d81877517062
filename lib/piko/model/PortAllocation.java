package piko.model;

/** A host port given to one published container port of one service, in one scope (environment or shared). */
public record PortAllocation(String scope, String service, int target, String protocol, int hostPort) {
    public PortRequest request() {
        return new PortRequest(service, target, protocol);
    }
}
