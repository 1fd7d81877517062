package piko.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import piko.core.LabelledObjects.Kind;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Result;

/** Docker networks: listed by label (through the one Inventory listing), inspected, joined and left. */
final class Networks {
    private final DockerCli cli;
    private final Inventory inventory;

    Networks(DockerCli cli, Inventory inventory) {
        this.cli = cli;
        this.inventory = inventory;
    }

    /** Networks carrying a label (key=value), each with the values of other labels, in their order, by name. */
    Map<String, List<String>> withLabels(String label, List<String> valuesOf) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, String> row : inventory.labelled(Kind.NETWORK, label, valuesOf)) {
            out.put(row.get("name"), valuesOf.stream().map(row::get).toList());
        }
        return out;
    }

    /** Networks carrying a label (key=value), each with the value of another label: name to value. */
    Map<String, String> withLabel(String label, String valueOf) {
        Map<String, String> out = new TreeMap<>();
        withLabels(label, List.of(valueOf)).forEach((name, values) -> out.put(name, values.get(0)));
        return out;
    }

    boolean exists(String name) {
        return inventory.networkNamed(name);  // the one listing of every network (docker network inspect would be one more call)
    }

    /** Attaches a container to a network under aliases; already attached counts as done. */
    void connect(String network, String container, List<String> aliases) {
        List<String> cmd = new ArrayList<>(List.of("docker", "network", "connect"));
        aliases.forEach(a -> cmd.addAll(List.of("--alias", a)));
        cmd.addAll(List.of("--", network, container));  // names from the compose file are never options
        Result api = cli.apiLink("/networks/" + EngineApi.segment(network) + "/connect", "{\"Container\":" + EngineApi.quoted(container)
                + ",\"EndpointConfig\":{\"Aliases\":[" + aliases.stream().map(EngineApi::quoted).collect(Collectors.joining(",")) + "]}}");
        Result r = api != null ? api : cli.run(cli.quick(cmd));
        if (!r.ok() && !DockerErrors.alreadyConnected(r)) {
            DockerErrors.requireReachable(r);
            throw new PikoException("cannot connect " + container + " to network " + network + ": " + r.output());
        }
    }

    /** Detaches a container from a network; not attached counts as done. */
    void disconnect(String network, String container) {
        Result api = cli.apiLink("/networks/" + EngineApi.segment(network) + "/disconnect",
                "{\"Container\":" + EngineApi.quoted(container) + ",\"Force\":true}");
        Result r = api != null ? api : cli.run(cli.quick(List.of("docker", "network", "disconnect", "--force", "--", network, container)));
        if (!r.ok() && !DockerErrors.notConnected(r)) {
            DockerErrors.requireReachable(r);
            throw new PikoException("cannot disconnect " + container + " from network " + network + ": " + r.output());
        }
    }
}
