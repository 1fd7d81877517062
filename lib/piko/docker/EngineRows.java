package piko.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import piko.core.LabelledObjects.Kind;
import piko.model.Cidr;

/**
 * The Engine API's JSON answers as the rows piko reads from the docker CLI's formatted listings,
 * column for column (the same text `docker ps --no-trunc --format` prints for each field), so both
 * ways of asking give the same containers, networks and volumes.
 */
final class EngineRows {
    private EngineRows() {
    }

    /**
     * Each container of a /containers/json answer as the given columns: ID, Names, Image, State, Status,
     * Networks, Ports, Mounts as `docker ps` formats them, any other column the value of that label.
     */
    static List<String[]> containers(String json, List<String> columns) {
        List<String[]> rows = new ArrayList<>();
        for (Object c : array(json)) {
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = switch (columns.get(i)) {
                    case "ID" -> JsonReader.string(c, "Id");
                    case "Names" -> name(c);
                    case "State" -> JsonReader.string(c, "State");
                    case "Image" -> JsonReader.string(c, "Image");
                    case "Status" -> JsonReader.string(c, "Status");
                    case "Networks" -> String.join(",", new TreeSet<>(JsonReader.object(JsonReader.object(c, "NetworkSettings"),
                            "Networks").keySet()));
                    case "Ports" -> ports(c);
                    case "Mounts" -> JsonReader.list(c, "Mounts").stream().map(m -> JsonReader.string(m, "Name").isEmpty()
                            ? JsonReader.string(m, "Source") : JsonReader.string(m, "Name")).collect(Collectors.joining(","));
                    default -> JsonReader.string(JsonReader.object(c, "Labels"), columns.get(i));
                };
            }
            rows.add(row);
        }
        return rows;
    }

    /** A container's name without Docker's leading slash (its own, not a legacy link's `/other/alias`). */
    static String name(Object container) {
        List<Object> names = JsonReader.list(container, "Names");
        for (Object n : names) {
            String s = String.valueOf(n).replaceFirst("^/", "");
            if (!s.contains("/")) {
                return s;
            }
        }
        return names.isEmpty() ? "" : String.valueOf(names.get(0)).replaceFirst("^/", "");
    }

    /** Published ports as `docker ps` shows them ("0.0.0.0:10179->6379/tcp, :::10179->6379/tcp"; "6379/tcp" unpublished). */
    static String ports(Object container) {
        List<String> out = new ArrayList<>();
        for (Object p : JsonReader.list(container, "Ports")) {
            String inside = JsonReader.string(p, "PrivatePort") + "/" + JsonReader.string(p, "Type");
            String pub = JsonReader.string(p, "PublicPort");
            out.add(pub.isEmpty() || pub.equals("0") ? inside : JsonReader.string(p, "IP") + ":" + pub + "->" + inside);
        }
        return String.join(", ", out);
    }

    /** Each object of a listing (containers, networks, or volumes) as its name and the values of the given labels ("" when missing). */
    static List<Map<String, String>> labelled(Kind kind, String json, List<String> keys) {
        Object parsed = JsonReader.parse(json);
        List<Object> objects = kind == Kind.VOLUME ? JsonReader.list(parsed, "Volumes")
                : parsed instanceof List<?> l ? new ArrayList<>(l) : List.of();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Object o : objects) {
            Map<String, String> row = new HashMap<>();
            row.put("name", kind == Kind.CONTAINER ? name(o) : JsonReader.string(o, "Name"));
            keys.forEach(k -> row.put(k, JsonReader.string(JsonReader.object(o, "Labels"), k)));
            rows.add(row);
        }
        return rows;
    }

    /** The networks a /containers/{id}/json answer shows the container on. */
    static List<String> attachedNetworks(String json) {
        return List.copyOf(new TreeSet<>(JsonReader.object(JsonReader.object(JsonReader.parse(json), "NetworkSettings"),
                "Networks").keySet()));
    }

    /** Every repository:tag of an /images/json answer, `<none>:<none>` for an image without one (as `docker image ls` shows it). */
    static List<String> imageTags(String json) {
        List<String> out = new ArrayList<>();
        for (Object image : array(json)) {
            List<Object> tags = JsonReader.list(image, "RepoTags");
            if (tags.isEmpty()) {
                out.add("<none>:<none>");
            }
            tags.forEach(t -> out.add(String.valueOf(t)));
        }
        return out;
    }

    /** The IPv4 subnets of a /networks answer, except those of networks labelled with one compose project. */
    static List<Cidr> subnets(String json, String composeProjectLabel, String exceptComposeProject) {
        List<Cidr> out = new ArrayList<>();
        for (Object network : array(json)) {
            if (JsonReader.string(JsonReader.object(network, "Labels"), composeProjectLabel).equals(exceptComposeProject)) {
                continue;
            }
            for (Object config : JsonReader.list(JsonReader.object(network, "IPAM"), "Config")) {
                Cidr.parse(JsonReader.string(config, "Subnet")).ifPresent(out::add);
            }
        }
        return out;
    }

    private static List<Object> array(String json) {
        Object parsed = JsonReader.parse(json);
        return parsed instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
