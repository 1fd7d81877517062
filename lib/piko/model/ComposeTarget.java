package piko.model;

import java.nio.file.Path;
import java.util.List;

/** Which compose project to act on: its name, directory and files (files may be empty for by-name actions). */
public record ComposeTarget(String projectName, Path directory, List<Path> files) {
    public static ComposeTarget byName(String projectName) {
        return new ComposeTarget(projectName, null, List.of());
    }
}
