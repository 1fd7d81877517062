package piko.docker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import piko.exec.ProcessRunner;
import piko.model.Container;
import piko.model.Labels;

/**
 * The listing of every piko container (a request on the daemon's socket, or `docker ps`), started
 * before the command line is parsed so that its latency overlaps the JVM's start-up; the first
 * {@link Docker#containersOfProject} of the run takes it.
 */
public final class PsPrefetch {
    private CompletableFuture<List<Container>> answer;

    private PsPrefetch(CompletableFuture<List<Container>> answer) {
        this.answer = answer;
    }

    public static PsPrefetch none() {
        return new PsPrefetch(null);
    }

    public static PsPrefetch start(ProcessRunner runner) {
        return new PsPrefetch(CompletableFuture.supplyAsync(() -> new Docker(runner).containersWithLabel(Labels.PROJECT)));
    }

    /** The answer, once; null when none was started or it was taken. */
    synchronized CompletableFuture<List<Container>> take() {
        CompletableFuture<List<Container>> a = answer;
        answer = null;
        return a;
    }
}
