package piko.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
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
    /** The keys piko.yaml allows, by section ("" for the top level). */
    static final Map<String, Set<String>> SECTIONS = Map.of(
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
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            throw new PikoException(file + (e.getProblemMark() == null ? "" : ":" + (e.getProblemMark().getLine() + 1))
                    + ": invalid YAML: " + e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext()
                    + (e.getContextMark() == null ? "" : " from line " + (e.getContextMark().getLine() + 1)) + ")"),
                    "fix the syntax of " + FILE_NAME);
        } catch (YAMLException | IOException e) {
            throw new PikoException(file + ": invalid YAML: " + e.getMessage().strip().replace('\n', ' '),
                    "fix the syntax of " + FILE_NAME);
        }
        ConfigBuilder b = new ConfigBuilder(file);
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
}
