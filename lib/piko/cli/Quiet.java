package piko.cli;

import picocli.CommandLine.Option;

/** --quiet, on the commands that report progress (BaseCommand.console reads it). */
final class Quiet {
    @Option(names = {"-q", "--quiet"}, description = "Print no progress, only warnings and errors.")
    boolean quiet;
}
