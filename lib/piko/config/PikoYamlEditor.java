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
import piko.error.PikoException;
import piko.text.TextFile;

/**
 * Rewrites the `shared:` list of piko.yaml in place, as text, so that every other line, comments
 * included, stays as the user wrote it.
 */
public final class PikoYamlEditor {
    private PikoYamlEditor() {
    }

    /** Writes the shared list into root/piko.yaml, creating the file if needed. */
    public static void writeShared(Path file, List<String> services) {
        try {
            String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String after = withShared(before, services);
            if (!after.equals(before)) {
                TextFile.write(file, after);
            }
        } catch (IOException e) {
            throw new PikoException("cannot write " + file + ": " + e.getMessage());
        }
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
        Node key = shared.getKeyNode();
        Node value = shared.getValueNode();
        if (value instanceof SequenceNode seq && seq.getFlowStyle() == FlowStyle.BLOCK && !seq.getValue().isEmpty()
                && !services.isEmpty()) {
            List<Node> items = seq.getValue();
            int from = lineStart(text, items.get(0).getStartMark().getIndex());
            int to = lineEnd(text, items.get(items.size() - 1).getEndMark().getIndex());
            int dash = text.lastIndexOf('-', items.get(0).getStartMark().getIndex()) - from;
            return text.substring(0, from) + block(services, Math.max(0, dash)).stripTrailing() + text.substring(to);
        }
        // a flow list ends after its ']'; a block list at its last item (not at the next key)
        int valueEnd = value instanceof SequenceNode seq && seq.getFlowStyle() == FlowStyle.BLOCK && !seq.getValue().isEmpty()
                ? seq.getValue().get(seq.getValue().size() - 1).getEndMark().getIndex()
                : value.getEndMark().getIndex();
        valueEnd = Math.max(valueEnd, text.indexOf(':', key.getEndMark().getIndex()) + 1);
        return text.substring(0, key.getStartMark().getIndex()) + "shared: [" + String.join(", ", services) + "]"
                + text.substring(valueEnd);
    }

    private static String block(List<String> services, int indent) {
        StringBuilder b = new StringBuilder();
        for (String s : services) {
            b.append(" ".repeat(indent)).append("- ").append(s).append('\n');
        }
        return b.toString();
    }

    private static int lineStart(String text, int index) {
        return text.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
    }

    private static int lineEnd(String text, int index) {
        int nl = text.indexOf('\n', index);
        return nl < 0 ? text.length() : nl;
    }
}
