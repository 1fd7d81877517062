package piko.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import piko.text.JsonString;

/**
 * piko's errors and hints name command lines ("remove it first with: piko destroy x"); an agent
 * calls tools, so each command line that has a tool is said as that tool with its arguments
 * (`tool destroy {"name": "x"}`), and the others as what to run in a shell.
 */
final class ToolHints {
    /** A command line in a hint: `piko`, the command, and its words up to the end of the clause. */
    private static final Pattern COMMAND = Pattern.compile("piko (init|create|list|status|up|down|restart|destroy|env|share|isolate|shared|doctor|snapshot|logs"
            + "|exec|compose|install|completion|router|gc)\\b((?: (?:--?[a-z-]+|[A-Za-z0-9_.<>/-]+))*)");
    private static final Pattern FLAG = Pattern.compile("--(force|volumes)\\b");
    /** The argument each tool takes positionally (logs: the first; the rest are services). */
    private static final Map<String, String> POSITIONAL = Map.ofEntries(Map.entry("create", "name"),
            Map.entry("status", "name"), Map.entry("env", "name"), Map.entry("up", "name"), Map.entry("down", "name"),
            Map.entry("destroy", "name"), Map.entry("logs", "name"), Map.entry("share", "service"),
            Map.entry("isolate", "service"), Map.entry("list", ""), Map.entry("shared", ""), Map.entry("gc", ""));

    private ToolHints() {
    }

    static String translate(String text) {
        Matcher m = COMMAND.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(tool(m.group(1), words(m.group(2)), m.group())));
        }
        m.appendTail(b);
        return FLAG.matcher(b.toString()).replaceAll("$1: true");
    }

    private static List<String> words(String rest) {
        return rest.isBlank() ? List.of() : List.of(rest.strip().split(" "));
    }

    private static String tool(String command, List<String> words, String asTyped) {
        if (command.equals("snapshot") && !words.isEmpty() && !words.get(0).startsWith("<")) {
            return snapshotTool(words);
        }
        if (command.equals("router") && words.size() == 1 && List.of("start", "status").contains(words.get(0))) {
            return "tool router_" + words.get(0);
        }
        String positional = POSITIONAL.get(command);
        if (positional == null) {
            return "`" + asTyped + "` in a shell (piko-mcp has no " + command + " tool)";
        }
        if (words.contains("--help")) {
            return "the input schema of tool " + command;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        List<String> services = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--branch") || w.equals("--tail") || w.equals("--from") || w.equals("--idle")) {
                if (i + 1 < words.size()) {
                    arguments.put(w.substring(2), words.get(++i));
                }
            } else if (w.startsWith("--")) {
                arguments.put(w.substring(2), true);
            } else if (!positional.isEmpty() && !arguments.containsKey(positional)) {
                arguments.put(positional, w);
            } else {
                services.add(w);
            }
        }
        if (command.equals("logs") && !services.isEmpty()) {
            arguments.put("services", services);
        }
        return "tool " + command + (arguments.isEmpty() ? "" : " " + json(arguments));
    }

    /** piko snapshot <action> [<env>] [<snapshot>] is tool snapshot_<action>. */
    private static String snapshotTool(List<String> words) {
        List<String> args = words.subList(1, words.size());
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (args.size() == 2) {
            arguments.put("name", args.get(0));
            arguments.put("snapshot", args.get(1));
        } else if (args.size() == 1) {
            arguments.put("snapshot", args.get(0));
        }
        return "tool snapshot_" + words.get(0) + (arguments.isEmpty() ? "" : " " + json(arguments));
    }

    private static String json(Map<String, Object> arguments) {
        List<String> pairs = new ArrayList<>();
        arguments.forEach((k, v) -> pairs.add(JsonString.quote(k) + ": " + value(k, v)));
        return "{" + String.join(", ", pairs) + "}";
    }

    private static String value(String key, Object v) {
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(s -> JsonString.quote(String.valueOf(s))).toList()) + "]";
        }
        if (v instanceof Boolean || key.equals("tail") && String.valueOf(v).matches("\\d+")) {
            return String.valueOf(v);
        }
        return JsonString.quote(String.valueOf(v));
    }
}
