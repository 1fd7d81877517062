package piko.cli;

import piko.error.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import piko.error.PikoException;
import piko.model.Snapshot;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Named copies of an environment's volumes: save <env> <snapshot>, restore <env> <snapshot>,"
                + " list, rm <snapshot>. A new environment starts from one with: piko create <name> --from <snapshot>.")
final class SnapshotCommand extends BaseCommand {
    @picocli.CommandLine.Mixin
    Quiet quiet;

    @Parameters(index = "0", paramLabel = "<action>", description = "save, restore, list or rm.")
    String action;

    @Parameters(index = "1..*", arity = "0..2", paramLabel = "<arg>",
            description = "save and restore: <env> <snapshot>; rm: <snapshot>.")
    List<String> args = new java.util.ArrayList<>();

    @Option(names = "--json", description = "list: print JSON.")
    boolean json;

    @Override
    int execute() {
        switch (action) {
            case "save" -> {
                String env = arg(0, "<env>");
                oneAtATime(env, () -> {
                    snapshots().save(env, arg(1, "<snapshot>"));
                    return ExitCode.OK.code();
                });
            }
            case "restore" -> {
                String env = arg(0, "<env>");
                oneAtATime(env, () -> {
                    snapshots().restore(env, arg(1, "<snapshot>"), () -> environments().up(env));
                    return ExitCode.OK.code();
                });
            }
            case "list" -> list();
            case "rm" -> {
                List<String> removed = snapshots().remove(arg(0, "<snapshot>"));
                if (json) {
                    out().println(Json.write(java.util.Map.of("removed", removed)));
                }
            }
            default -> throw new PikoException("unknown snapshot action '" + action + "'",
                    "use one of: piko snapshot save <env> <snapshot>, restore <env> <snapshot>, list, rm <snapshot>", ExitCode.USAGE);
        }
        out().flush();
        return ExitCode.OK.code();
    }

    private String arg(int i, String label) {
        int wanted = action.equals("rm") ? 1 : 2;
        if (args.size() != wanted) {
            throw new PikoException("piko snapshot " + action + " takes " + (wanted == 1 ? label : "<env> <snapshot>"),
                    "for example: piko snapshot " + action + (wanted == 1 ? " before-migration" : " e1 before-migration"), ExitCode.USAGE);
        }
        return args.get(i);
    }

    private void list() {
        List<Snapshot> all = snapshots().list();
        if (json) {
            out().println(Json.write(all.stream().map(Views::snapshot).toList()));
        } else if (all.isEmpty()) {
            console().info("No snapshots. Save one with: piko snapshot save <env> <snapshot>");
        } else {
            Table t = new Table("SNAPSHOT", "SOURCE", "VOLUMES", "SIZE", "CREATED");
            for (Snapshot s : all) {
                t.row(s.name() + (s.complete() ? "" : " (incomplete)"), s.source() == null ? "-" : s.source(),
                        String.join(", ", s.volumes().keySet()), s.complete() ? piko.model.Snapshot.human(s.totalBytes()) : "-",
                        s.created() == null ? "-" : s.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            }
            t.print(out());
        }
    }
}
