package piko.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import piko.core.Checkup.Finding;

/**
 * What doctor --fix did not do: the repairs that failed ("subject: error (hint)"), and the
 * environments it skipped because another process held their lock, with what it holds them for
 * ("piko create e1, process 4242"; empty when the holder wrote nothing).
 */
public record Repairs(List<String> failed, Map<String, String> busy) {

    /**
     * Runs every finding's repair once (several findings may share one, such as piko up), each
     * holding the lock of the environment it works on, as the commands do: an environment another
     * process holds (a create, up, down or destroy running now) is skipped, since a repair would cut
     * through that command; the shared instances likewise under the project lock (share, isolate, down
     * --shared). A repair that fails does not stop the others.
     */
    static Repairs run(List<Finding> findings, Function<String, ProjectLock> locks) {
        Map<String, Finding> actions = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.action() != null) {
                actions.putIfAbsent(f.subject() + "\u0000" + f.fix(), f);
            }
        }
        List<String> failed = new ArrayList<>();
        Map<String, String> busy = new LinkedHashMap<>();
        for (Finding f : actions.values()) {
            String env = f.lockedEnvironment();
            if (env != null && busy.containsKey(env)) {
                continue;
            }
            try {
                if (env == null) {
                    f.action().run();
                } else {
                    ProjectLock lock = locks.apply(env);
                    if (!lock.tryHolding(f.action())) {
                        busy.put(env, lock.holder());
                    }
                }
            } catch (piko.error.PikoException e) {
                failed.add(f.subject() + ": " + e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
            }
        }
        return new Repairs(failed, busy);
    }

    /** Whether a finding's repair was skipped because its environment was busy. */
    public boolean skipped(Finding f) {
        String env = f.lockedEnvironment();
        return f.action() != null && env != null && busy.containsKey(env);
    }

    /** The line for a skipped environment: "doctor: e1 is busy (piko create e1 running, pid 42); run doctor again when it ends". */
    public static String busyLine(String env, String holder) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+), process (\\d+)").matcher(holder == null ? "" : holder.strip());
        String what = m.matches() ? m.group(1) + " running, pid " + m.group(2)
                : holder == null || holder.isBlank() ? "another piko command running" : holder.strip() + " running";
        return "doctor: " + isBusy(env) + " (" + what + "); run doctor again when it ends";
    }

    /** "e1 is busy", or for the project lock "the shared services are busy". */
    public static String isBusy(String env) {
        return Names.SHARED.equals(env) ? "the shared services are busy" : env + " is busy";
    }
}
