package piko.build;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms of lib/ and which way their dependencies point, read from the compiled classes:
 * cli -> (state, docker, git, install, router) -> core -> config -> exec -> leaves (model, error, text).
 * core owns the interfaces it needs (ProjectStore, Docker's roles summed up in ComposeGateway, Worktrees, ProjectLock, PortProbe);
 * state, docker and git implement them, and only cli (Context) wires them together.
 */
class ArchitectureTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir"));
    private static JavaClasses lib;

    @BeforeAll
    static void importLibClasses() throws IOException {
        Set<String> sources = Files.readAllLines(REPO.resolve("piko.java")).stream()
                .filter(l -> l.startsWith("//SOURCES lib/"))
                .map(l -> l.substring("//SOURCES lib/".length()).trim().replace(".java", "").replace('/', '.'))
                .collect(Collectors.toSet());
        // lib's and the tests' classes share packages and one jar: keep the class files of lib's sources
        Pattern classFile = Pattern.compile("!/(piko/[^$]*)(\\$.*)?\\.class$");
        ImportOption fromLib = location -> {
            Matcher m = classFile.matcher(location.asURI().toString());
            return m.find() && sources.contains(m.group(1).replace('/', '.'));
        };
        lib = new ClassFileImporter().withImportOption(fromLib).importPackages("piko");
        if (lib.size() < sources.size()) {
            throw new IllegalStateException("found " + lib.size() + " compiled classes for " + sources.size() + " sources");
        }
    }

    @Test
    void roomsHaveNoCycles() {
        slices().matching("piko.(*)..").should().beFreeOfCycles().check(lib);
    }

    @Test
    void dependenciesPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("piko.cli..")
                .layer("state").definedBy("piko.state..")
                .layer("docker").definedBy("piko.docker..")
                .layer("git").definedBy("piko.git..")
                .layer("install").definedBy("piko.install..")
                .layer("router").definedBy("piko.router..")
                .layer("core").definedBy("piko.core..")
                .layer("config").definedBy("piko.config..")
                .layer("exec").definedBy("piko.exec..")
                .layer("leaves").definedBy("piko.model..", "piko.error..", "piko.text..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("state").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("docker").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("git").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("install").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("router").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("core").mayOnlyBeAccessedByLayers("cli", "state", "docker", "git", "router")
                .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "state", "docker", "git", "router", "core")
                .whereLayer("exec").mayOnlyBeAccessedByLayers("cli", "state", "docker", "git", "install", "router", "core", "config")
                .whereLayer("config").mayOnlyAccessLayers("exec", "leaves")
                .whereLayer("exec").mayOnlyAccessLayers("leaves")
                .whereLayer("leaves").mayOnlyAccessLayers("leaves")
                .check(lib);
    }
}
