package piko.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import piko.error.PikoException;
import piko.exec.Timeouts;

/** piko.yaml's values as they are read, each checked where it is read: the PikoConfig they make. */
final class ConfigBuilder {
    final Path file;
    List<String> compose = List.of();
    String setup;
    String destroy;
    String seed;
    int base = PikoConfig.DEFAULT_BASE;
    int block = PikoConfig.DEFAULT_BLOCK;
    List<String> shared = List.of();
    List<String> copy = List.of();
    Map<String, Integer> hostnames = Map.of();
    String routerService;
    List<String> isolate = List.of();
    final Map<String, java.time.Duration> timeouts = new java.util.HashMap<>();

    ConfigBuilder(Path file) {
        this.file = file;
    }

    PikoConfig build() {
        if (block < 10 || block > 1000) {
            throw fail(null, "ports.block must be between 10 and 1000, not " + block);
        }
        if (base < 1024 || base + 2L * block > 65535) {
            throw fail(null, "ports.base must be at least 1024 and leave room for two blocks below 65536, not " + base);
        }
        Timeouts d = Timeouts.DEFAULTS;
        Timeouts t = new Timeouts(timeouts.getOrDefault("docker", d.docker()), timeouts.getOrDefault("compose", d.compose()),
                timeouts.getOrDefault("git", d.git()), timeouts.getOrDefault("scripts", d.scripts()));
        return new PikoConfig(file, compose, base, block, setup, destroy, shared, t, copy, hostnames, routerService, seed,
                isolate);
    }

    List<NodeTuple> mapping(Node node, String where) {
        if (!(node instanceof MappingNode m)) {
            throw fail(node, (where.isEmpty() ? "the top level" : "'" + where + "'") + " must be a mapping");
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String k = key(t, where);
            if (!seen.add(k)) {
                throw fail(t.getKeyNode(), "duplicate key '" + k + "'");
            }
        }
        return m.getValue();
    }

    String key(NodeTuple t, String section) {
        Node k = t.getKeyNode();
        if (!(k instanceof ScalarNode s)) {
            throw fail(k, "keys must be plain words");
        }
        Set<String> allowed = PikoConfig.SECTIONS.get(section);
        if (!allowed.contains(s.getValue())) {
            String full = section.isEmpty() ? s.getValue() : section + "." + s.getValue();
            throw fail(k, "unknown key '" + full + "' (allowed" + (section.isEmpty() ? "" : " in " + section)
                    + ": " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        return s.getValue();
    }

    String string(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return s.getValue();
        }
        throw fail(node, "'" + key + "' must be a string");
    }

    int integer(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                return Integer.parseInt(s.getValue());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw fail(node, "'" + key + "' must be a whole number");
    }

    /** service name -> container port (hostnames:). */
    Map<String, Integer> ports(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return Map.of();
        }
        if (!(node instanceof MappingNode m)) {
            throw fail(node, "'" + key + "' must map service names to container ports (web: 8080)");
        }
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (NodeTuple t : m.getValue()) {
            String service = serviceName(t.getKeyNode(), key);
            int port = integer(t.getValueNode(), key + "." + service);
            if (port < 1 || port > 65535) {
                throw fail(t.getValueNode(), "'" + key + "." + service + "' must be a port between 1 and 65535, not " + port);
            }
            if (out.put(service, port) != null) {
                throw fail(t.getKeyNode(), "duplicate key '" + service + "'");
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    String serviceName(Node node, String key) {
        String name = string(node, key);
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw fail(node, "'" + name + "' in '" + key + "' is not a valid service name");
        }
        return name;
    }

    List<String> stringList(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw fail(node, "'" + key + "' must be a list of " + noun(key));
        }
        List<String> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String name = string(item, key + "[]");
            if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
                throw fail(item, "'" + name + "' in '" + key + "' is not a valid " + noun(key).replaceAll("s$", ""));
            }
            if (!items.contains(name)) items.add(name);
        }
        return List.copyOf(items);
    }

    private static String noun(String key) {
        return key.equals("isolate") ? "network and volume names" : "service names";
    }

    /** Paths or globs relative to the repository root, staying inside it. */
    List<String> pathList(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw fail(node, "'" + key + "' must be " + (key.equals("compose") ? "a compose file or a list of them"
                    : "a list of paths or globs") + " relative to the repository root");
        }
        List<String> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
            for (String path : pathList(item, key, string(item, key + "[]"))) {
                if (!items.contains(path)) items.add(path);
            }
        }
        return List.copyOf(items);
    }

    /** One path or glob relative to the repository root, staying inside it. */
    List<String> pathList(Node item, String key, String path) {
        String why = path.isBlank() ? "is empty"
                : path.startsWith("/") || path.startsWith("~") || path.matches("^[A-Za-z]:.*") ? "is not relative to the repository root"
                : java.util.Arrays.asList(path.split("[/\\\\]")).contains("..") ? "leaves the repository root (..)"
                : path.equals(".git") || path.startsWith(".git/") || path.equals(".piko") || path.startsWith(".piko/")
                ? "is piko's or git's own" : null;
        if (why == null) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + path);
            } catch (RuntimeException e) {
                why = "is not a valid glob (" + e.getMessage().lines().findFirst().orElse("") + ")";
            }
        }
        if (why != null) {
            throw fail(item, "'" + path + "' in '" + key + "' " + why);
        }
        return List.of(path);
    }

    PikoException fail(Node node, String message) {
        String where = node == null ? file.toString() : file + ":" + (node.getStartMark().getLine() + 1);
        return new PikoException(where + ": " + message, "see piko.yaml.example for every key");
    }
}
