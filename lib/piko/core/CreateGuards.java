package piko.core;

import java.util.List;
import piko.error.PikoException;

/**
 * What create checks and keeps before it makes anything: no environment name that could be another
 * project's compose name, and the volumes an earlier destroy kept (used, or removed with --fresh;
 * noted in the journal so that no undo removes them).
 */
final class CreateGuards {
    private CreateGuards() {
    }

    /**
     * Records this checkout in the machine-wide record (projects from before it get in this way),
     * and refuses an environment name whose compose project could be another project's: only
     * project names from before the naming rule (with a '-') can meet one, `p` + `q-e1` and `p-q` + `e1`.
     */
    static void refuseAnotherProjectsName(EnvironmentParts p, String name, String composeProject) {
        piko.model.Project me = p.ws.project();
        List<ProjectRegistry.Entry> others;
        try {
            ProjectRegistry registry = p.ws.registry();
            registry.register(me.identity(), p.ws.root(), me.name());
            others = registry.projects().stream().filter(e -> !e.identity().equals(me.identity()) && e.live()).toList();
        } catch (PikoException e) {
            p.out.warn("could not read the machine-wide record of projects: " + e.getMessage());
            return;
        }
        for (ProjectRegistry.Entry other : others) {
            if (composeProject.startsWith("piko-" + other.name() + "-")) {
                throw new PikoException("environment " + name + " would be compose project " + composeProject
                        + ", which is a name of project " + other.name() + " at " + other.root(),
                        "pick another environment name", piko.error.ExitCode.USAGE);
            }
        }
    }

    /** The journal's note of the volumes that existed before a create (its undo keeps them); no step of its own. */
    static final String KEPT_VOLUMES = "kept volumes: ";

    /** The volumes a journal notes as there before the create. */
    static List<String> keptVolumes(List<String> journal) {
        return journal.stream().filter(s -> s.startsWith(KEPT_VOLUMES))
                .flatMap(s -> java.util.Arrays.stream(s.substring(KEPT_VOLUMES.length()).split(" "))).toList();
    }

    /**
     * The volumes an earlier environment of this name kept: used (and said so), or with fresh
     * removed first; a seed is never written into them. Written into the journal, so that the undo
     * after a crash keeps them too.
     */
    static List<String> keptVolumes(EnvironmentParts p, Ownership ownership, String name, String composeProject, VolumeSeed seed, boolean fresh) {
        List<String> kept = ownership.ownVolumes(composeProject);
        if (kept.isEmpty()) {
            return kept;
        }
        if (fresh) {
            p.docker.removeVolumes(kept);
            p.out.done("Removed the volumes an earlier " + name + " kept (--fresh): " + String.join(", ", kept));
            return List.of();
        }
        if (seed != null) {
            throw new PikoException("an earlier " + name + " kept its volumes (" + String.join(", ", kept) + "), and "
                    + seed.source() + " would be written into them", "replace them: piko create " + name
                    + " --fresh; or use them as they are: piko create " + name + " --empty");
        }
        p.ws.store().recordCreateStep(name, KEPT_VOLUMES + String.join(" ", kept));
        p.out.info("Using the volumes an earlier " + name + " kept: " + String.join(", ", kept)
                + " (to start empty instead: piko create " + name + " --fresh)");
        return kept;
    }
}
