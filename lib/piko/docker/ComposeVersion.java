package piko.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compose version such as 2.26.1 (Debian builds print 2.26.1-4, some print v2.26.1). */
public record ComposeVersion(int major, int minor, int patch) implements Comparable<ComposeVersion> {
    /**
     * The oldest compose piko runs with: its override needs `!override` (compose documents it from
     * 2.24.4) and `!reset`, and 2.26.1 is the oldest compose piko's tests have run on.
     */
    public static final ComposeVersion MINIMUM = new ComposeVersion(2, 26, 1);
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public static ComposeVersion parse(String text) {
        Matcher m = VERSION.matcher(text.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ComposeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch);
    }

    @Override
    public int compareTo(ComposeVersion o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
