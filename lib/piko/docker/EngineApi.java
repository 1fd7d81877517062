package piko.docker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import piko.error.PikoException;
import piko.exec.ProcessErrors;
import piko.exec.ProcessRunner;
import piko.exec.ProcessRunner.Result;
import piko.exec.Watch;

/**
 * The Docker Engine API on the daemon's local socket (the way docker itself and compose talk to it):
 * piko's reads and network links without a docker process. Used only where docker would use that
 * socket without a context to read (SocketPing.socket); when the socket cannot be reached at the
 * first request, null answers send the caller to the docker CLI, whose words then name the problem.
 * Answers come as the CLI's would: exit 0 and the JSON body, or exit 1 and the daemon's message as
 * `Error response from daemon: ...`, so DockerErrors reads both alike. Paths carry no API version:
 * the daemon answers in its own, and every field piko reads is the same from API 1.41 (Engine
 * 20.10) on.
 */
final class EngineApi {
    private final Path socket;
    private final ProcessRunner runner;
    private final Daemon daemon;
    private final Duration limit;
    /** null until the first request; false: the socket could not be reached then, so the CLI is asked. */
    private volatile Boolean reachable;

    EngineApi(Path socket, ProcessRunner runner, Daemon daemon, Duration limit) {
        this.socket = socket;
        this.runner = runner;
        this.daemon = daemon;
        this.limit = limit;
    }

    /** The API for a runner that starts real processes, where docker would use a local socket; else null. */
    static EngineApi local(ProcessRunner runner, Daemon daemon, Duration limit) {
        if (runner.getClass() != ProcessRunner.class) {
            return null;  // a runner that plays Docker (the unit tests') is asked, never the machine's real daemon
        }
        Path socket = SocketPing.socket(System.getenv(), Path.of(System.getProperty("user.home")));
        return socket == null ? null : new EngineApi(socket, runner, daemon, limit);
    }

    boolean usable() {
        return !Boolean.FALSE.equals(reachable);
    }

    /** GET path; null when the socket could not be reached at the first request (ask the CLI). */
    Result get(String path, Map<String, String> query) {
        return request("GET", path, query, null);
    }

    /** The body of GET path; null as for get; fails with "<what> failed: " and the daemon's words. */
    String body(String path, Map<String, String> query, String what) {
        Result r = get(path, query);
        if (r != null && !r.ok()) {
            throw new PikoException(what + " failed: " + r.output().strip());
        }
        return r == null ? null : r.stdout();
    }

    /** POST path with a JSON body; null as for get. */
    Result post(String path, String json) {
        return request("POST", path, Map.of(), json);
    }

    private Result request(String method, String path, Map<String, String> asked, String json) {
        if (!usable()) {
            return null;
        }
        Map<String, String> query = new java.util.TreeMap<>(asked);  // one order, so a trace reads the same every time
        String shown = method + " " + path + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
        runner.traceRequest("docker", "api " + shown + (json == null ? "" : " " + json));
        String target = path + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        UnixHttp.Response r;
        long began = piko.exec.ProcessTrace.started();
        try {
            r = UnixHttp.exchange(socket, method, target, json, patience(shown));
        } catch (UnixHttp.Unreachable e) {
            if (reachable == null) {
                reachable = false;
                return null;
            }
            return new Result(1, "", "Cannot connect to the Docker daemon at unix://" + socket + ". Is the docker daemon running?");
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new PikoException("interrupted while running docker");
        } catch (IOException e) {
            return new Result(1, "", "error during connect: " + method + " " + path + ": " + e.getMessage());
        } finally {
            piko.exec.ProcessTrace.ended(began, List.of("api", shown));
        }
        reachable = true;
        if (r.ok()) {
            return new Result(0, r.body(), "");
        }
        return new Result(1, "", "Error response from daemon: " + message(r.body()));
    }

    /** Waits while the daemon answers its pings (as a docker process is watched), at most the docker limit. */
    private UnixHttp.Patience patience(String shown) {
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        Watch.Clock clock = daemon.watch(List.of(shown)).start();
        return new UnixHttp.Patience() {
            @Override
            public long waitNanos() {
                return clock.waitNanos(deadline);
            }

            @Override
            public void silent() {
                if (System.nanoTime() >= deadline) {
                    throw new PikoException("'" + shown + "' on the Docker daemon's socket did not finish within "
                            + limit.toSeconds() + " s and was stopped", ProcessErrors.timeoutHint("docker", "timeouts.docker"));
                }
                PikoException hang = clock.check();
                if (hang != null) {
                    throw hang;  // the daemon's watch has refused docker for the rest of the command
                }
            }
        };
    }

    /** The daemon's error message from its JSON answer ({"message": "..."}), or the answer as it is. */
    static String message(String body) {
        try {
            String m = JsonReader.string(JsonReader.parse(body), "message");
            return m.isEmpty() ? body.strip() : m;
        } catch (IllegalArgumentException notJson) {
            return body.strip();
        }
    }

    /** The API's filters parameter: {"key":["value"]} for each filter given as key=value (a label filter keeps its own =). */
    static String filters(String... keyValues) {
        StringBuilder out = new StringBuilder("{");
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            out.append(out.length() > 1 ? "," : "").append(quoted(kv.substring(0, eq))).append(":[")
                    .append(quoted(kv.substring(eq + 1))).append(']');
        }
        return out.append('}').toString();
    }

    /** The API's filters parameter for one key with several values, any of which matches: {"key":["v1","v2"]}. */
    static String filters(String key, List<String> values) {
        return "{" + quoted(key) + ":[" + values.stream().map(EngineApi::quoted).collect(Collectors.joining(",")) + "]}";
    }

    /** A JSON string of text. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A name as one segment of a request path. */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
