package piko.cli;

import java.util.List;

/**
 * The training run of `piko install`: everyday commands once each, in one JVM, in a throw-away
 * project, so the class-data archive holds what they load. Their failures (no Docker, no such
 * environment) come after the loading and do not matter.
 */
public final class Training {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("init"), List.of("status"), List.of("list"), List.of("list", "--json"), List.of("shared"),
            List.of("env", "training"), List.of("env", "training", "--json"), List.of("status", "training"),
            List.of("--version"), List.of("--help"), List.of("create", "--help"));

    private Training() {
    }

    public static void main(String... args) {
        for (List<String> command : COMMANDS) {
            Main.run(command.toArray(String[]::new));
        }
    }
}
