package piko.core;

/**
 * Everything core needs from Docker and Compose, as the sum of its roles; piko.docker implements it.
 * A flow takes the roles it uses (a fake in a test then implements only those); the flows that use
 * most of them (creating, starting, removing, doctor, shared instances) take the whole gateway.
 */
public interface ComposeGateway extends EngineChecks, ComposeProjects, ContainerInventory, NetworkLinks,
        LabelledObjects, VolumesAndImages, AddressSpace {
}
