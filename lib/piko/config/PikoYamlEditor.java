package piko.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;
import piko.error.PikoException;
import piko.text.JsonString;
import piko.text.RepoFiles;
import piko.text.TextFile;

/**
 * Edits the `shared:` list of piko.yaml in place, as text: an added service becomes a new item
 * after the last, a removed one loses its item, so every other line, comments inside the list
 * included, stays as the user wrote it. A name YAML would read as something else (yes, null, 1.0,
 * -x) is written in quotes, and the new text is read back as piko reads piko.yaml, and checked,
 * before it replaces the file. A piko.yaml that is a symbolic link is edited where it points,
 * when that lies inside the repository; the link stays.
 */
public final class PikoYamlEditor {
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private PikoYamlEditor() {
    }

    /** Writes the shared list into root/piko.yaml, creating the file if needed. */
    public static void writeShared(Path file, List<String> services) {
        Path target = RepoFiles.writable(file.toAbsolutePath().getParent(), file);
        try {
            String before = Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
            String after = withShared(before, services);
            if (!after.equals(before)) {
                TextFile.write(target, after, written -> check(file, written, services));
            }
        } catch (IOException e) {
            throw new PikoException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The edited text, read back as piko reads piko.yaml, must list exactly the services, and nothing else may break. */
    private static void check(Path file, String written, List<String> services) {
        List<String> listed;
        try {
            listed = PikoConfig.parse(file, written).shared();
        } catch (PikoException e) {
            throw new PikoException("piko's edit of " + file + " would not read back (" + e.getMessage()
                    + "); the file is unchanged", "edit the shared list by hand: " + services);
        }
        if (!listed.equals(services)) {
            throw new PikoException("piko's edit of " + file + " would read back as shared " + listed + ", not "
                    + services + "; the file is unchanged", "edit the shared list by hand");
        }
    }

    /** A service name as a YAML scalar: plain when YAML reads it back as that string, else double-quoted. */
    static String scalar(String name) {
        boolean plain = PLAIN.matcher(name).matches()
                && new Resolver().resolve(NodeId.scalar, name, true).equals(Tag.STR);
        return plain ? name : JsonString.quote(name);
    }

    static String withShared(String text, List<String> services) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        NodeTuple shared = root instanceof MappingNode m ? m.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("shared"))
                .findFirst().orElse(null) : null;
        if (shared == null) {
            if (services.isEmpty()) {
                return text;
            }
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            return text + sep + "shared:\n" + block(services, 2);
        }
        if (shared.getValueNode() instanceof SequenceNode seq && !seq.getValue().isEmpty()
                && seq.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
            String edited = ListEdit.of(text, shared.getKeyNode(), seq).apply(services);
            if (edited != null) {
                return edited;
            }
        }
        return rewritten(text, shared, services);
    }

    /** The whole value replaced by a flow list (an empty or null value, or an edit that is not an add or a remove). */
    private static String rewritten(String text, NodeTuple shared, List<String> services) {
        Node key = shared.getKeyNode();
        Node value = shared.getValueNode();
        // a flow list ends after its ']'; a block list at its last item (not at the next key)
        int valueEnd = value instanceof SequenceNode seq && seq.getFlowStyle() == FlowStyle.BLOCK && !seq.getValue().isEmpty()
                ? seq.getValue().get(seq.getValue().size() - 1).getEndMark().getIndex()
                : value.getEndMark().getIndex();
        valueEnd = Math.max(valueEnd, text.indexOf(':', key.getEndMark().getIndex()) + 1);
        return text.substring(0, key.getStartMark().getIndex()) + "shared: " + flow(services) + text.substring(valueEnd);
    }

    static String flow(List<String> services) {
        return "[" + String.join(", ", services.stream().map(PikoYamlEditor::scalar).toList()) + "]";
    }

    static String block(List<String> services, int indent) {
        StringBuilder b = new StringBuilder();
        for (String s : services) {
            b.append(" ".repeat(indent)).append("- ").append(scalar(s)).append('\n');
        }
        return b.toString();
    }
}
