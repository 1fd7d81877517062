package piko.core;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import piko.model.Snapshot;
import piko.text.TextFile;

/** One properties file per complete snapshot: what Docker's volume labels cannot hold (sizes, the image). */
final class SnapshotIndex {
    private static final String SUFFIX = ".properties";

    private SnapshotIndex() {
    }

    static void write(Path dir, Snapshot s) {
        Properties p = new Properties();
        p.setProperty("source", s.source());
        p.setProperty("created", s.created().toString());
        s.images().values().stream().findFirst().ifPresent(image -> p.setProperty("image", image));  // what an older piko reads
        s.images().forEach((key, image) -> p.setProperty("image." + key, image));
        s.volumes().forEach((key, volume) -> p.setProperty("volume." + key, volume));
        s.bytes().forEach((key, n) -> p.setProperty("bytes." + key, Long.toString(n)));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "piko snapshot " + s.name());
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TextFile.write(dir.resolve(s.name() + SUFFIX), text.toString());
    }

    static List<Snapshot> readAll(Path dir) {
        List<Snapshot> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                all.add(read(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all;
    }

    private static Snapshot read(Path f) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(f)));
        Map<String, String> volumes = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        Map<String, String> images = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("volume.")) {
                volumes.put(k.substring(7), p.getProperty(k));
            } else if (k.startsWith("bytes.")) {
                bytes.put(k.substring(6), Long.parseLong(p.getProperty(k)));
            } else if (k.startsWith("image.")) {
                images.put(k.substring(6), p.getProperty(k));
            }
        }
        for (String key : volumes.keySet()) {
            if (!images.containsKey(key) && p.getProperty("image") != null) {
                images.put(key, p.getProperty("image"));  // a file written before each volume had its own image
            }
        }
        String name = f.getFileName().toString();
        return new Snapshot(name.substring(0, name.length() - SUFFIX.length()), p.getProperty("source"),
                Instant.parse(p.getProperty("created")), volumes, bytes, images, true);
    }

    static void delete(Path dir, String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + SUFFIX));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
