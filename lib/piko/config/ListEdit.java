package piko.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML list of scalars changed by removing items and appending new ones, as edits of the text at
 * the items' own places, so that comments and layout around them stay.
 */
final class ListEdit {
    private record Change(int from, int to, String text) {
    }

    private final String text;
    private final Node key;
    private final SequenceNode seq;
    private final List<ScalarNode> items = new ArrayList<>();

    private ListEdit(String text, Node key, SequenceNode seq) {
        this.text = text;
        this.key = key;
        this.seq = seq;
        seq.getValue().forEach(n -> items.add((ScalarNode) n));
    }

    static ListEdit of(String text, Node key, SequenceNode seq) {
        return new ListEdit(text, key, seq);
    }

    /** The text listing wanted; null when wanted is not the list minus some items plus some appended. */
    String apply(List<String> wanted) {
        List<String> current = items.stream().map(ScalarNode::getValue).toList();
        List<String> kept = current.stream().filter(wanted::contains).toList();
        if (wanted.size() < kept.size() || !wanted.subList(0, kept.size()).equals(kept)
                || wanted.stream().distinct().count() != wanted.size()) {
            return null;
        }
        List<String> added = wanted.subList(kept.size(), wanted.size());
        if (added.stream().anyMatch(current::contains)) {
            return null;
        }
        List<Change> changes = seq.getFlowStyle() == FlowStyle.BLOCK ? block(wanted, added) : flow(wanted, added);
        if (changes == null) {
            return null;
        }
        changes.sort(Comparator.comparingInt(Change::from).reversed());
        StringBuilder b = new StringBuilder(text);
        for (Change c : changes) {
            b.replace(c.from(), c.to(), c.text());
        }
        return b.toString();
    }

    private List<Change> block(List<String> wanted, List<String> added) {
        List<Change> changes = new ArrayList<>();
        int dash = -1;
        for (ScalarNode item : items) {
            int start = item.getStartMark().getIndex();
            int from = lineStart(start);
            int end = item.getEndMark().getIndex();
            int to = lineEnd(end);
            if (!text.substring(from, start).matches("[ \t]*-[ \t]+") || !text.substring(end, to).matches("[ \t]*(#.*)?")) {
                return null;  // not one item per line: the list is rewritten instead
            }
            dash = dash < 0 ? text.indexOf('-', from) - from : dash;
            if (!wanted.contains(item.getValue())) {
                changes.add(new Change(from, Math.min(text.length(), to + 1), ""));
            }
        }
        int afterLast = lineEnd(items.get(items.size() - 1).getEndMark().getIndex());
        if (wanted.isEmpty()) {
            int colon = text.indexOf(':', key.getEndMark().getIndex());
            changes.add(new Change(colon + 1, colon + 1, " []"));
        } else if (!added.isEmpty()) {
            String lines = PikoYamlEditor.block(added, dash);
            changes.add(afterLast < text.length() ? new Change(afterLast + 1, afterLast + 1, lines)
                    : new Change(afterLast, afterLast, "\n" + lines.substring(0, lines.length() - 1)));
        }
        return changes;
    }

    /** One removal or appended items: more is rewritten (the cuts of two removals would overlap). */
    private List<Change> flow(List<String> wanted, List<String> added) {
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!wanted.contains(items.get(i).getValue())) {
                removed.add(i);
            }
        }
        List<Change> changes = new ArrayList<>();
        if (removed.size() > 1 || (removed.size() == 1 && !added.isEmpty())) {
            return null;
        }
        if (removed.size() == 1) {
            int i = removed.get(0);
            int n = items.size();
            int from = i < n - 1 ? start(i) : i > 0 ? end(i - 1) : start(i);
            int to = i < n - 1 ? start(i + 1) : end(i);
            changes.add(new Change(from, to, ""));
        }
        if (!added.isEmpty()) {
            int at = end(items.size() - 1);
            changes.add(new Change(at, at, ", " + String.join(", ", added.stream().map(PikoYamlEditor::scalar).toList())));
        }
        return changes;
    }

    private int start(int i) {
        return items.get(i).getStartMark().getIndex();
    }

    private int end(int i) {
        return items.get(i).getEndMark().getIndex();
    }

    private int lineStart(int index) {
        return text.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
    }

    private int lineEnd(int index) {
        int nl = text.indexOf('\n', index);
        return nl < 0 ? text.length() : nl;
    }
}
