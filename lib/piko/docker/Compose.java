package piko.docker;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import piko.core.ComposeProjects.Up;
import piko.error.PikoException;
import piko.exec.ProcessRunner.Call;
import piko.model.ComposeTarget;

/** `docker compose` on a project: config, up, stop, restart, rm, down, logs, and passthrough. */
final class Compose {
    /** A passthrough command (logs -f, a shell) runs as long as its user wants. */
    private static final Duration ATTACHED = null;
    private static final int TAIL_LINES = 15;
    private final DockerCli cli;
    private final Containers containers;
    private Docker.Progress progress = Docker.Progress.SILENT;
    private OutputStream progressOut;

    Compose(DockerCli cli, Containers containers) {
        this.cli = cli;
        this.containers = containers;
    }

    void showProgress(Docker.Progress how, OutputStream out) {
        this.progress = how;
        this.progressOut = out;
    }

    /** The fully resolved model as JSON, as compose itself parses it, with the services of every profile. */
    String configJson(ComposeTarget target, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("--profile", "*", "config", "--format", "json"));
        Call call = cli.quick(cmd).in(target.directory()).withEnv(env);
        return cli.cache().model(call, target.directory(), target.files(), () -> cli.stableChecked(call, contentOf(target),
                r -> new PikoException("the compose file is invalid:\n" + r.output(), "fix the compose file and retry")).stdout());
    }

    /**
     * What compose reads besides the call itself, for knowing its model unchanged: the named files
     * and the project's .env (piko writes override files between two reads of one command).
     */
    private static List<String> contentOf(ComposeTarget target) {
        List<Path> files = new ArrayList<>(target.files());
        if (target.directory() != null) {
            files.add(target.directory().resolve(".env"));
        }
        List<String> content = new ArrayList<>();
        for (Path f : files) {
            try {
                content.add(new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (java.io.IOException | RuntimeException unreadable) {
                content.add("");  // compose says what is wrong with it
            }
        }
        return content;
    }

    void up(ComposeTarget target, List<String> services, Map<String, String> env, Up how) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("up", "--remove-orphans"));
        switch (how) {
            case CREATE_ONLY -> cmd.add("--no-start");
            case START -> cmd.add("--detach");
            case START_AND_WAIT -> cmd.addAll(List.of("--detach", "--wait"));
        }
        cmd.add("--");  // a service named --dry-run is a service, not an option
        cmd.addAll(services);
        Call call = cli.slow(cmd).in(target.directory()).withEnv(env);
        String what = "starting " + target.projectName();
        if (progress == Docker.Progress.TERMINAL) {
            int code = cli.runnerFor(call).runOnStderr(call);
            if (code != 0) {
                throw poolRefusedAfter(target, services, env).orElseGet(() ->
                        new PikoException(what + " failed (compose's output is above)" + containers.startErrors(target.projectName())));
            }
        } else {
            cli.check(progress == Docker.Progress.PLAIN ? call.echoTo(progressOut) : call,
                    r -> AddressPools.refusal(r.output(), this::networkCount)
                            .orElseGet(() -> new PikoException(what + " failed:\n" + DockerErrors.tail(r.output(), TAIL_LINES))));
        }
    }

    /** Docker's address-pool refusal, when that is why an up on piko's terminal failed (compose's words were not piko's to read). */
    private java.util.Optional<PikoException> poolRefusedAfter(ComposeTarget target, List<String> services, Map<String, String> env) {
        try {
            return new PoolRefusalCheck(cli).after(piko.model.ComposeModel.parse(configJson(target, env)), services);
        } catch (RuntimeException unreadable) {  // PikoException, or a model compose did not write
            return java.util.Optional.empty();  // compose's own words above say what went wrong
        }
    }

    /** How many networks Docker holds, for a message; -1 when it cannot say. */
    private int networkCount() {
        cli.runner();  // asked anew: compose may have made some before it failed
        piko.exec.ProcessRunner.Result api = cli.apiRead("/networks", Map.of(), null);
        if (api != null) {
            return api.ok() ? EngineRows.labelled(piko.core.LabelledObjects.Kind.NETWORK, api.stdout(), List.of()).size() : -1;
        }
        piko.exec.ProcessRunner.Result r = cli.run(cli.quick(List.of("docker", "network", "ls", "--quiet")));
        return r.ok() ? (int) r.stdout().lines().filter(l -> !l.isBlank()).count() : -1;
    }

    /** Stops and removes the containers of some services of a project; their named volumes stay, their anonymous ones go. */
    void remove(ComposeTarget target, List<String> services) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("rm", "--stop", "--force", "--volumes"));
        cmd.add("--");  // a service named --dry-run is a service, not an option
        cmd.addAll(services);
        orFail(cli.slow(cmd).in(target.directory()), "removing " + String.join(", ", services));
    }

    void stop(ComposeTarget target) {
        List<String> cmd = args(target);
        cmd.add("stop");
        orFail(stopping(cli.slow(cmd)), "stopping " + target.projectName());
    }

    void restart(ComposeTarget target, List<String> services, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.add("restart");
        cmd.add("--");  // a service named --dry-run is a service, not an option
        cmd.addAll(services);
        orFail(stopping(cli.slow(cmd).in(target.directory()).withEnv(env)), "restarting " + target.projectName());
    }

    /** Removes containers and networks (and volumes when asked); stopTimeout null: each service's own. */
    void down(ComposeTarget target, boolean volumes, Duration stopTimeout) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("down", "--remove-orphans"));
        if (stopTimeout != null) {
            cmd.addAll(List.of("--timeout", String.valueOf(stopTimeout.toSeconds())));
        }
        if (volumes) {
            cmd.add("--volumes");
        }
        orFail(stopping(cli.slow(cmd)), "removing " + target.projectName());
    }

    /** Runs any compose command on a project from its directory, on piko's terminal; returns compose's exit code. */
    int attached(ComposeTarget target, List<String> args, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.addAll(args);
        return cli.runner().runAttached(Call.of(ATTACHED, cmd).in(target.directory()).withEnv(env).watchedBy(cli.daemon().watch(cmd)));
    }

    /** As attached, but compose's stdout handed over line by line without terminal codes (a pipe, a file). */
    int lines(ComposeTarget target, List<String> args, Map<String, String> env, java.util.function.Consumer<String> eachLine) {
        List<String> cmd = args(target);
        cmd.addAll(args);
        return cli.runner().runLines(Call.of(ATTACHED, cmd).in(target.directory()).withEnv(env)
                .watchedBy(cli.daemon().watch(cmd)), line -> eachLine.accept(piko.text.Ansi.strip(line)));
    }

    /** The last lines of some services' logs, captured (for callers that own no terminal). */
    String logs(ComposeTarget target, List<String> services, int tail, Map<String, String> env) {
        List<String> cmd = args(target);
        cmd.addAll(List.of("logs", "--no-color", "--tail", String.valueOf(tail)));
        cmd.add("--");  // a service named --dry-run is a service, not an option
        cmd.addAll(services);
        String out = cli.check(cli.quick(cmd).in(target.directory()).withEnv(env),
                "reading the logs of " + target.projectName()).stdout();
        return piko.text.Ansi.strip(out);
    }

    /** Stopping can take long (a service that ignores SIGTERM): compose's plain lines go to piko's stderr meanwhile. */
    private Call stopping(Call call) {
        return progress == Docker.Progress.SILENT ? call : call.echoTo(progressOut);
    }

    private void orFail(Call call, String what) {
        cli.check(call, r -> new PikoException(what + " failed:\n" + DockerErrors.tail(r.output(), TAIL_LINES)));
    }

    private static List<String> args(ComposeTarget target) {
        List<String> args = new ArrayList<>(List.of("docker", "compose", "-p", target.projectName()));
        if (target.directory() != null) {
            args.add("--project-directory");
            args.add(target.directory().toString());
        }
        for (Path f : target.files()) {
            args.add("-f");
            args.add(f.toString());
        }
        return args;
    }
}
