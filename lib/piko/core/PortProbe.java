package piko.core;

/** Whether a host port can be bound right now. */
@FunctionalInterface
public interface PortProbe {
    boolean isFree(int port);
}
