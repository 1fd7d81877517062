package piko.cli;

import piko.error.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import piko.core.Checkup;
import piko.core.Checkup.Finding;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Compare the state with Docker and git (orphans, missing worktrees, containers, networks,"
                + " shared links, busy ports); with --fix, repair what differs. Exits 1 while something is left to repair.")
final class Doctor extends BaseCommand {
    @Option(names = "--fix", description = "Repair every finding that has a repair, then check again.")
    boolean fix;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Override
    int execute() {
        context.docker().requireDaemon();
        Checkup checkup = new Checkup(workspace(), context.docker(), context.git(), context.probe(), environments(), context.shared(),
                this::environmentLock);
        java.util.function.Supplier<List<Finding>> examine = () -> {
            List<Finding> all = new ArrayList<>(checkup.examine());
            all.addAll(snapshots().findings());
            return all;
        };
        List<Finding> findings = examine.get();
        List<Finding> left = findings;
        piko.core.Repairs repairs = new piko.core.Repairs(List.of(), Map.of());
        if (fix) {
            repairs = checkup.fix(findings);
            repairs.failed().forEach(failed -> console().warn("could not fix " + failed));
            repairs.busy().forEach((env, holder) -> spec.commandLine().getErr().println(piko.core.Repairs.busyLine(env, holder)));
            spec.commandLine().getErr().flush();
            left = examine.get();
        }
        List<Finding> remaining = left;
        piko.core.Repairs done = repairs;
        java.util.function.Predicate<Finding> fixed = f -> fix && f.action() != null && !done.skipped(f) && remaining.stream()
                .noneMatch(l -> l.subject().equals(f.subject()) && l.problem().equals(f.problem()));
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("subject", f.subject());
                m.put("problem", f.problem());
                m.put("fix", f.fix());
                m.put("fixed", fixed.test(f));
                if (done.skipped(f)) {
                    m.put("busy", done.busy().get(f.lockedEnvironment()));
                }
                rows.add(m);
            }
            out().println(Json.write(rows));
        } else if (findings.isEmpty()) {
            console().done("Nothing to fix: the state matches Docker and git");
        } else {
            for (Finding f : findings) {
                String what = f.subject() + ": " + f.problem();
                if (fixed.test(f)) {
                    console().done("Fixed " + what + " (" + f.fix() + ")");
                } else {
                    out().println(what + "; --fix: " + f.fix() + (done.skipped(f) ? " (skipped: " + piko.core.Repairs.isBusy(f.lockedEnvironment()) + ")"
                            : fix && f.action() != null ? " (did not help)" : ""));
                }
            }
            if (!fix && findings.stream().anyMatch(f -> f.action() != null)) {
                out().println("Repair with: piko doctor --fix");
            }
        }
        if (fix && !json) {
            for (Finding l : remaining) {
                if (l.action() != null && findings.stream().noneMatch(f -> f.subject().equals(l.subject())
                        && f.problem().equals(l.problem()))) {
                    out().println("still: " + l.subject() + ": " + l.problem() + "; --fix: " + l.fix());
                }
            }
        }
        out().flush();
        return remaining.stream().anyMatch(f -> f.action() != null) ? ExitCode.FAILURE.code() : ExitCode.OK.code();
    }
}
