package piko.cli;

import piko.error.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import piko.core.Durations;
import piko.core.GarbageCollection.Candidate;
import piko.error.PikoException;

@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "List the environments that are safe to remove (branch merged, idle, or worktree gone),"
                + " and why; with --yes, remove them. Never one with uncommitted changes.")
final class Gc extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Option(names = "--idle", paramLabel = "<duration>",
            description = "Also list environments not started for longer than this (30m, 12h, 14d, 2w).")
    String idle;

    @Option(names = "--yes", description = "Remove the listed environments (their branches are kept).")
    boolean yes;

    @Option(names = "--volumes", description = "With --yes: also remove their named volumes.")
    boolean volumes;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute() {
        Duration idleFor = idle == null ? null : Durations.parse(idle);
        if (volumes && !yes) {
            throw new PikoException("--volumes goes with --yes", "piko gc --yes --volumes", ExitCode.USAGE);
        }
        List<Candidate> found = context.garbageCollection().find(idleFor, Instant.now());
        List<String> failed = List.of();
        if (yes) {
            context.withoutComposeProgress();
            found.stream().filter(c -> !c.removable())
                    .forEach(c -> console().warn(c.env().name() + ": kept: " + c.kept() + "; " + String.join("; ", c.reasons())));
            failed = context.garbageCollection().remove(found, volumes, context::environments, console());
            found.stream().filter(Candidate::removable).forEach(c -> EnvSnapshot.forget(workspace().root(), c.env().name()));
            List<String> notRemoved = failed;
            found.stream().filter(c -> c.removable() && !notRemoved.contains(c.env().name()))
                    .forEach(c -> routing().removed(c.env().name()));
        }
        print(found, failed);
        long removable = found.stream().filter(Candidate::removable).count();
        if (!failed.isEmpty()) {
            throw new PikoException(failed.size() + " of " + removable + " environments could not be removed: "
                    + String.join(", ", failed), "see why: piko destroy " + failed.get(0));
        }
        if (removable == 0) {
            List<String> kept = found.stream().map(c -> c.env().name()).toList();
            console().info("Nothing to remove" + (kept.isEmpty() ? "" : " (kept: " + String.join(", ", kept) + ")"));
        } else if (!yes) {
            console().info("Dry run: " + removable + " environment" + (removable == 1 ? "" : "s") + " to remove (branches kept);"
                    + " remove " + (removable == 1 ? "it" : "them") + " with: piko gc --yes" + (idle == null ? "" : " --idle " + idle));
        }
        return ExitCode.OK.code();
    }

    private void print(List<Candidate> found, List<String> failed) {
        if (json) {
            Map<String, List<String>> consumers = workspace().store().consumers();
            List<Map<String, Object>> views = new ArrayList<>();
            for (Candidate c : found) {
                Map<String, Object> v = Views.environment(c.env(), consumers.getOrDefault(c.env().name(), List.of()));
                v.put("reasons", c.reasons());
                v.put("kept", c.kept());
                v.put("removed", yes && c.removable() && !failed.contains(c.env().name()));
                views.add(v);
            }
            out().println(Json.write(views));
        } else if (!found.isEmpty() && !yes) {
            Table t = new Table("NAME", "BRANCH", "WHY");
            for (Candidate c : found) {
                t.row(c.env().name(), c.env().branch(), (c.removable() ? "" : "KEPT, " + c.kept() + ": ") + String.join("; ", c.reasons()));
            }
            t.print(out());
        }
        out().flush();
    }
}
