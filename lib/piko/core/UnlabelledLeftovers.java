package piko.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import piko.core.Checkup.Finding;
import piko.core.LabelledObjects.Kind;
import piko.error.PikoException;
import piko.model.Labels;

/**
 * Volumes and networks named like this project's compose projects (piko-<project>-...) that carry
 * no piko label: made by compose outside piko's override (a race with another command, an older
 * piko) or by hand. Nothing proves piko made them, so doctor reports them with the commands to look
 * and to remove, and never removes them.
 */
final class UnlabelledLeftovers {
    private UnlabelledLeftovers() {
    }

    static List<Finding> findings(Workspace ws, LabelledObjects docker) {
        String prefix = Names.composeProject(ws.project().name(), "");
        List<String> others = otherProjectsPrefixes(ws, prefix);
        List<Finding> out = new ArrayList<>();
        for (Kind kind : List.of(Kind.VOLUME, Kind.NETWORK)) {
            String word = kind.name().toLowerCase(java.util.Locale.ROOT);
            for (Map<String, String> row : docker.named(kind, prefix, List.of(Labels.PROJECT))) {
                String name = row.get("name");
                if (!row.get(Labels.PROJECT).isEmpty() || others.stream().anyMatch(name::startsWith)) {
                    continue;  // piko's (the label checks decide whose), or named like another project's
                }
                out.add(new Finding(word + " " + name, "named like this project's compose projects (" + prefix + "...), but"
                        + " without piko's labels: nothing proves piko made it",
                        "nothing: piko never removes what it cannot prove it made (look inside with: docker " + word
                                + " inspect " + name + "; if it is a leftover, remove it with: docker " + word + " rm " + name + ")",
                        null));
            }
        }
        return out;
    }

    /** The prefixes of other recorded projects whose names begin like this one's (p and p-q, from before the naming rule). */
    private static List<String> otherProjectsPrefixes(Workspace ws, String prefix) {
        try {
            return ws.registry().projects().stream().filter(e -> !e.identity().equals(ws.project().identity()))
                    .map(e -> Names.composeProject(e.name(), "")).filter(p -> p.startsWith(prefix) && !p.equals(prefix)).toList();
        } catch (PikoException unreadable) {
            return List.of();
        }
    }
}
