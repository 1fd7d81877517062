package piko.core;

/** The parts of shared services that the flows use together: declaration, instances, links, and the project lock. */
public record Shared(SharedDeclaration declaration, SharedInstances instances, SharedLinks links, ProjectLock lock) {
    public static Shared of(Workspace ws, ComposeGateway docker, PortProbe probe, ProjectLock lock, Reporter out) {
        SharedDeclaration declaration = new SharedDeclaration(ws);
        SharedInstances instances = new SharedInstances(ws, docker, probe, lock, declaration, out);
        return new Shared(declaration, instances, new SharedLinks(ws, docker, declaration, instances), lock);
    }
}
