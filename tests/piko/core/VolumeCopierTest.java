package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import piko.error.PikoException;

/** The copy flow on a fake engine: which volumes go through cp in which image, and what a failure leaves. */
class VolumeCopierTest {
    /** Records every call; images in noCp have no cp; a copy of failing fails. */
    static final class FakeVolumes implements SnapshotVolumes {
        final List<String> calls = new ArrayList<>();
        final List<String> noCp = new ArrayList<>();
        String failing;

        @Override
        public List<Volume> volumesWithLabel(String label, List<String> keys) {
            return List.of();
        }

        @Override
        public Map<String, String> labelsOf(String volume) {
            return Map.of();
        }

        @Override
        public void createVolume(String name, Map<String, String> labels) {
            calls.add("create " + name);
        }

        @Override
        public void removeVolumes(List<String> names) {
            calls.add("rm " + names);
        }

        @Override
        public List<String> runningContainersUsing(List<String> volumes) {
            return List.of("e1-db-1");
        }

        @Override
        public Map<String, String> containersUsing(List<String> volumes) {
            return Map.of();
        }

        @Override
        public Map<String, String> imagesOf(List<String> volumes) {
            return Map.of();
        }

        @Override
        public void pause(List<String> containers) {
            calls.add("pause " + containers);
        }

        @Override
        public void unpause(List<String> containers) {
            calls.add("unpause " + containers);
        }

        @Override
        public void removeContainers(List<String> containers) {
        }

        @Override
        public void removeCopyHelpers(List<String> volumes) {
            calls.add("rm helpers of " + volumes);
        }

        @Override
        public Optional<Map<String, Long>> copyInContainer(Map<String, String> fromTo, String image) {
            calls.add("cp in " + image + " " + fromTo);
            if (fromTo.containsKey(failing)) {
                throw new PikoException("copying failed: no space left on device");
            }
            if (noCp.contains(image)) {
                return Optional.empty();
            }
            Map<String, Long> sizes = new LinkedHashMap<>();
            fromTo.values().forEach(t -> sizes.put(t, 4096L));
            return Optional.of(sizes);
        }

        @Override
        public long copy(String from, String to, String image) {
            calls.add("archive " + from + " -> " + to + " with " + image);
            return 10240;
        }
    }

    private static final Reporter SILENT = new Reporter() {
        @Override
        public void done(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void info(String message) {
        }
    };

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private final FakeVolumes docker = new FakeVolumes();
    private final VolumeCopier copier = new VolumeCopier(docker, SILENT, new Cancellation(Thread.currentThread()));
    private final Map<String, String> source = map("blob", "e1_blob", "db", "e1_db", "log", "e1_log");
    private final Map<String, String> targets = map("blob", "s.0", "db", "s.1", "log", "s.2");
    private final Map<String, String> images = map("blob", "distroless", "db", "postgres", "log", "postgres");

    @Test
    void volumesOfOneImageShareOneCpRunAndAnImageWithoutCpFallsBackToTheArchiveStream() {
        docker.noCp.add("distroless");
        Map<String, Long> bytes = copier.copyAll(source, targets, images, key -> Map.of(), "e1");
        assertEquals(List.of("create s.0", "create s.1", "create s.2", "pause [e1-db-1]",
                "cp in distroless {e1_blob=s.0}", "archive e1_blob -> s.0 with distroless",
                "cp in postgres {e1_db=s.1, e1_log=s.2}", "unpause [e1-db-1]"), docker.calls,
                "the targets are made before the pause, which lasts only for the copies");
        assertEquals(Map.of("blob", 10240L, "db", 4096L, "log", 4096L), bytes);
    }

    @Test
    void aFailedCopyResumesTheServicesAndRemovesItsContainerAndEveryTarget() {
        docker.failing = "e1_db";
        assertThrows(PikoException.class, () -> copier.copyAll(source, targets, images, key -> Map.of(), "e1"));
        assertEquals(List.of("unpause [e1-db-1]", "rm helpers of [s.0, s.1, s.2, e1_blob, e1_db, e1_log]", "rm [s.0, s.1, s.2]"),
                docker.calls.subList(docker.calls.size() - 3, docker.calls.size()));
        assertTrue(docker.calls.stream().noneMatch(c -> c.startsWith("archive")), "a real failure is no reason to copy again");
    }
}
