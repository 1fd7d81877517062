package piko.core;

import piko.error.ExitCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import piko.error.PikoException;
import piko.model.ComposeTarget;

/** Why a start failed: the services that failed (unhealthy, exited) named in the error's hint. */
final class StartFailures {
    private final ComposeProjects compose;
    private final ContainerInventory containers;

    <D extends ComposeProjects & ContainerInventory> StartFailures(D docker) {
        this.compose = docker;
        this.containers = docker;
    }

    /**
     * A failed start, with the services that failed named in the hint. create undoes itself,
     * removing their logs, so (undone) their last log lines join its message instead.
     */
    PikoException explain(PikoException e, ComposeTarget target, String env, Map<String, String> vars,
                          boolean undone, Instant starting) {
        if (e.code() != ExitCode.FAILURE) {
            return e;
        }
        List<String> failed;
        String logs = "";
        try {
            failed = containers.failedServices(target.projectName(), starting);
            if (undone && !failed.isEmpty()) {
                logs = "\nlast log lines of " + String.join(", ", failed) + ":\n"
                        + compose.composeLogs(target, failed, 20, vars).strip();
            }
        } catch (PikoException unreadable) {
            return e;
        }
        if (failed.isEmpty()) {
            return e;
        }
        String which = String.join(", ", failed) + " failed";
        String hint = undone ? which + " (its log is above); fix it, then: piko create " + env
                : which + "; see why: " + failed.stream().map(s -> "piko logs " + env + " " + s)
                        .collect(Collectors.joining(", "));
        return new PikoException(e.getMessage() + logs, hint, e.code());
    }
}
