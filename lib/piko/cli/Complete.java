package piko.cli;

import piko.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import piko.core.Names;
import piko.core.Workspace;
import piko.model.Environment;

/**
 * The words the completion scripts offer: commands and options from picocli's model (Main
 * registers every command for this one), environment and service names from the state alone
 * (no Docker call, no sync of piko.yaml). The word being completed is --current's (the scripts
 * pass it so, as JBang drops an empty argument), else the last word.
 */
@Command(name = "__complete", hidden = true)
final class Complete extends BaseCommand {
    @Parameters(arity = "0..*")
    List<String> words = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--current", description = "The word being completed (may be empty).")
    String current;

    @Override
    int execute() {
        String word = current != null ? current : words.isEmpty() ? "" : words.get(words.size() - 1);
        List<String> before = current != null ? words : words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
        new TreeSet<>(candidates(before, word)).stream().filter(c -> c.startsWith(word)).forEach(out()::println);
        out().flush();
        return ExitCode.OK.code();
    }

    private Set<String> candidates(List<String> before, String current) {
        CommandSpec root = spec.parent();
        int at = 0;
        while (at < before.size() && before.get(at).startsWith("-")) {
            at++;
        }
        Set<String> result = new TreeSet<>();
        if (at == before.size()) {
            root.subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandName())) {
                    result.add(name);
                }
            });
            result.addAll(optionNames(root));
            return result;
        }
        String command = before.get(at);
        CommandLine sub = root.subcommands().get(command);
        if (sub == null) {
            return result;
        }
        CommandSpec cmd = sub.getCommandSpec();
        if (current.startsWith("-")) {
            result.addAll(optionNames(cmd));
            return result;
        }
        List<String> positional = new ArrayList<>();
        for (int i = at + 1; i < before.size(); i++) {
            String w = before.get(i);
            OptionSpec option = w.startsWith("-") ? cmd.findOption(w) : null;
            if (option != null && option.arity().max() > 0 && !option.type().equals(boolean.class)) {
                if (i == before.size() - 1) {
                    return result;
                }
                i++;
            } else if (!w.startsWith("-")) {
                positional.add(w);
            }
        }
        try (Workspace ws = context.openWorkspace()) {
            result.addAll(positionalCandidates(sub.getCommandName(), positional, new State(ws)));
        } catch (RuntimeException notAProject) {
            if (command.equals("completion") && positional.isEmpty()) {
                result.addAll(List.of("bash", "zsh", "fish"));
            }
        }
        return result;
    }

    private Set<String> positionalCandidates(String command, List<String> positional, State state) {
        int i = positional.size();
        String first = i > 0 ? positional.get(0) : null;
        Set<String> out = new TreeSet<>();
        switch (command) {
            case "status", "up", "down", "destroy", "env" -> {
                if (i == 0) out.addAll(state.environments());
            }
            case "restart" -> {
                if (i == 0) out.addAll(state.environments());
                if (i == 1) out.addAll(state.servicesOf(first));
            }
            case "share" -> {
                if (i == 0) out.addAll(state.allServices());
            }
            case "isolate" -> {
                if (i == 0) out.addAll(state.sharedServices());
            }
            case "logs", "exec" -> {
                boolean named = first != null && (state.environments().contains(first) || Names.SHARED.equals(first));
                if (i == 0) {
                    out.addAll(state.environments());
                    out.add(Names.SHARED);
                    out.addAll(state.servicesOf(state.here(cwd()).orElse(null)));
                } else if (command.equals("logs") || (i == 1 && named)) {
                    out.addAll(state.servicesOf(named ? first : state.here(cwd()).orElse(null)));
                }
            }
            case "compose" -> {
                if (i == 0) {
                    out.addAll(state.environments());
                    out.add(Names.SHARED);
                }
            }
            case "completion" -> {
                if (i == 0) out.addAll(List.of("bash", "zsh", "fish"));
            }
            default -> {
            }
        }
        return out;
    }

    private static List<String> optionNames(CommandSpec cmd) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : cmd.options()) {
            if (!o.hidden()) {
                names.addAll(List.of(o.names()));
            }
        }
        return names;
    }

    /** Names as the state records them. */
    private record State(Workspace ws) {
        List<String> environments() {
            return ws.store().environments().stream().map(Environment::name).toList();
        }

        Optional<String> here(java.nio.file.Path cwd) {
            return ws.environmentAt(cwd);
        }

        List<String> sharedServices() {
            return ws.store().sharedServices();
        }

        /** An environment's services (its own and the shared ones it uses); the shared project's for "shared". */
        Set<String> servicesOf(String env) {
            Set<String> out = new TreeSet<>();
            if (env == null) {
                return out;
            }
            if (Names.SHARED.equals(env)) {
                out.addAll(sharedServices());
                ws.store().consumers().values().forEach(out::addAll);
                return out;
            }
            ws.store().environment(env).ifPresent(e -> out.addAll(e.services()));
            out.addAll(ws.store().consumers().getOrDefault(env, List.of()));
            return out;
        }

        Set<String> allServices() {
            Set<String> out = new TreeSet<>(sharedServices());
            ws.store().environments().forEach(e -> out.addAll(e.services()));
            return out;
        }
    }
}
