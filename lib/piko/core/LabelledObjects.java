package piko.core;

import java.util.List;
import java.util.Map;

/** Docker objects of any kind found by label: what ownership is decided on (a role of ComposeGateway). */
public interface LabelledObjects {
    /** The kinds of Docker object piko labels. */
    enum Kind { CONTAINER, NETWORK, VOLUME }

    /** Objects of a kind carrying a label, each with its name and the values of some label keys. */
    List<Map<String, String>> labelled(Kind kind, String label, List<String> keys);

    /** Objects of a kind whose name begins with prefix, labelled or not, each with its name and the values of some label keys. */
    List<Map<String, String>> named(Kind kind, String prefix, List<String> keys);
}
