package piko.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import piko.error.PikoException;
import piko.exec.Timeouts;

/** piko.yaml, the committed declaration beside the compose file. Every key is optional. */
public record PikoConfig(Path file, List<String> compose, int portBase, int portBlock,
                         String setupScript, String destroyScript, List<String> shared, Timeouts timeouts,
                         List<String> copy, Map<String, Integer> hostnames, String routerService, String seed,
                         List<String> isolate) {
    public static final String FILE_NAME = "piko.yaml";
    public static final long MAX_BYTES = 1024 * 1024;
    public static final int DEFAULT_BASE = 10000;
    public static final int DEFAULT_BLOCK = 100;
    private static final Map<String, Set<String>> SECTIONS = Map.of(
            "", Set.of("compose", "copy", "isolate", "scripts", "ports", "shared", "timeouts", "hostnames", "router", "seed"),
            "router", Set.of("service"),
            "scripts", Set.of("setup", "destroy"),
            "ports", Set.of("base", "block"),
            "timeouts", Set.of("docker", "compose", "git", "scripts"));
    /** The longest timeout piko.yaml may set, in seconds (a day); 0 means no limit. */
    static final int MAX_TIMEOUT = 86_400;

    public static PikoConfig defaults(Path file) {
        return new PikoConfig(file, List.of(), DEFAULT_BASE, DEFAULT_BLOCK, null, null, List.of(), Timeouts.DEFAULTS, List.of(),
                Map.of(), null, null, List.of());
    }

    public boolean exists() {
        return file != null && Files.isRegularFile(file);
    }

    /** Reads root/piko.yaml; a missing file gives the defaults. */
    public static PikoConfig load(Path root) {
        Path file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults(file);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PikoException(file + " is larger than 1 MiB", "piko.yaml holds a few settings; check its content");
            }
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PikoException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static PikoConfig parse(Path file, String text) {
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = compose(reader);
        } catch (YAMLException | IOException e) {
            throw new PikoException(file + ": invalid YAML: " + e.getMessage().strip().replace('\n', ' '),
                    "fix the syntax of " + FILE_NAME);
        }
        Builder b = new Builder(file);
        if (root == null) {
            return b.build();
        }
        for (NodeTuple t : b.mapping(root, "")) {
            String key = b.key(t, "");
            Node value = t.getValueNode();
            switch (key) {
                case "compose" -> b.compose = value instanceof ScalarNode s && s.getTag().equals(Tag.STR)
                        ? b.pathList(value, key, s.getValue()) : b.pathList(value, key);
                case "shared" -> b.shared = b.stringList(value, key);
                case "isolate" -> b.isolate = b.stringList(value, key);
                case "copy" -> b.copy = b.pathList(value, key);
                case "hostnames" -> b.hostnames = b.ports(value, key);
                case "router" -> {
                    for (NodeTuple r : b.mapping(value, key)) {
                        b.key(r, key);
                        b.routerService = b.serviceName(r.getValueNode(), key + ".service");
                    }
                }
                case "seed" -> b.seed = b.string(value, key);
                case "scripts" -> {
                    for (NodeTuple s : b.mapping(value, key)) {
                        String k = b.key(s, key);
                        String script = b.string(s.getValueNode(), key + "." + k);
                        if (k.equals("setup")) b.setup = script; else b.destroy = script;
                    }
                }
                case "ports" -> {
                    for (NodeTuple p : b.mapping(value, key)) {
                        String k = b.key(p, key);
                        int n = b.integer(p.getValueNode(), key + "." + k);
                        if (k.equals("base")) b.base = n; else b.block = n;
                    }
                }
                case "timeouts" -> {
                    for (NodeTuple t2 : b.mapping(value, key)) {
                        String k = b.key(t2, key);
                        int n = b.integer(t2.getValueNode(), key + "." + k);
                        if (n < 0 || n > MAX_TIMEOUT) {
                            throw b.fail(t2.getValueNode(), "'" + key + "." + k + "' must be between 0 (no limit) and "
                                    + MAX_TIMEOUT + " seconds, not " + n);
                        }
                        b.timeouts.put(k, Timeouts.seconds(n));
                    }
                }
                default -> throw new IllegalStateException(key);
            }
        }
        return b.build();
    }

    /**
     * The node tree only: piko reads nodes, so the composer alone, without what `new Yaml()` also
     * builds (constructors, representers), a measurable part of a command's start.
     */
    private static Node compose(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setNestingDepthLimit(20);
        return new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options).getSingleNode();
    }

    private static final class Builder {
        final Path file;
        List<String> compose = List.of();
        String setup;
        String destroy;
        String seed;
        int base = DEFAULT_BASE;
        int block = DEFAULT_BLOCK;
        List<String> shared = List.of();
        List<String> copy = List.of();
        Map<String, Integer> hostnames = Map.of();
        String routerService;
        List<String> isolate = List.of();
        final Map<String, java.time.Duration> timeouts = new java.util.HashMap<>();

        Builder(Path file) {
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
            Set<String> allowed = SECTIONS.get(section);
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
}
