package piko.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import piko.config.PikoConfig;
import piko.config.PikoYamlEditor;

/**
 * Which services are shared: declared in piko.yaml (the source of truth, committed with the code),
 * mirrored in the state, which also records which environments use which shared instance.
 */
public final class SharedDeclaration {
    /** What a sync changed: services now shared, and services no longer shared. */
    public record Change(List<String> added, List<String> removed) {
    }

    private final Workspace ws;

    public SharedDeclaration(Workspace ws) {
        this.ws = ws;
    }

    /** Services marked shared now (piko.yaml, mirrored in the state). */
    public List<String> declared() {
        return ws.store().sharedServices();
    }

    /** Environment name to the shared services it uses. */
    public Map<String, List<String>> consumers() {
        return ws.store().consumers();
    }

    /** Services with a shared instance: declared ones, and isolated ones still in use. */
    public Set<String> instances() {
        Set<String> all = new TreeSet<>(declared());
        consumers().values().forEach(all::addAll);
        return all;
    }

    public List<String> usersOf(String service) {
        return usersOf(consumers(), service);
    }

    /** The environments that use a service's shared instance, from an environment-to-services map. */
    public static List<String> usersOf(Map<String, List<String>> consumers, String service) {
        return consumers.entrySet().stream().filter(e -> e.getValue().contains(service)).map(Map.Entry::getKey).toList();
    }

    /** True when the state lists what piko.yaml listed when this run read it (checked without the lock). */
    public boolean inSync() {
        return Set.copyOf(declared()).equals(Set.copyOf(ws.config().shared()));
    }

    /** piko.yaml's shared list as it is now, not as this run read it (call holding the project lock). */
    public List<String> listed() {
        return PikoConfig.load(ws.root()).shared();
    }

    /** Makes the state's list match piko.yaml as it is now (call holding the project lock). */
    public Change syncFromConfig() {
        return ws.store().replaceSharedServices(listed(), network());
    }

    /** Adds a service to piko.yaml's list (as listed now) and sets the state's. */
    public void mark(String service, List<String> listed, Set<String> sharedAfter) {
        List<String> list = new ArrayList<>(listed);
        if (!list.contains(service)) {
            list.add(service);  // a share that doctor finishes may have written piko.yaml already
        }
        PikoYamlEditor.writeShared(ws.config().file(), list);
        ws.store().replaceSharedServices(List.copyOf(sharedAfter), network());
    }

    /** Removes a service from piko.yaml's list (as listed now) and the state's. */
    public void unmark(String service, List<String> listed) {
        List<String> list = new ArrayList<>(listed);
        list.remove(service);
        PikoYamlEditor.writeShared(ws.config().file(), list);
        List<String> remaining = declared().stream().filter(s -> !s.equals(service)).toList();
        ws.store().replaceSharedServices(remaining, network());
    }

    private String network() {
        return Names.sharedComposeProject(ws.project().name());
    }
}
