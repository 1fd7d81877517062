package piko.cli;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import piko.text.JsonString;

/** Writes maps, lists, strings, numbers, booleans and null as JSON. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            container(b, '{', '}', m.entrySet().iterator(), indent, (e, i) -> {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                string(b, String.valueOf(entry.getKey()));
                b.append(": ");
                write(b, entry.getValue(), i);
            });
        } else if (v instanceof Collection<?> c) {
            container(b, '[', ']', c.iterator(), indent, (e, i) -> write(b, e, i));
        } else {
            string(b, v.toString());
        }
    }

    private interface Item {
        void write(Object element, int indent);
    }

    private static void container(StringBuilder b, char open, char close, Iterator<?> it, int indent, Item item) {
        b.append(open);
        if (!it.hasNext()) {
            b.append(close);
            return;
        }
        while (it.hasNext()) {
            b.append('\n').append("  ".repeat(indent + 1));
            item.write(it.next(), indent + 1);
            if (it.hasNext()) b.append(',');
        }
        b.append('\n').append("  ".repeat(indent)).append(close);
    }

    private static void string(StringBuilder b, String s) {
        b.append(JsonString.quote(s));
    }
}
