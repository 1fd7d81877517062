///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.xerial:sqlite-jdbc:3.50.3.0
//DEPS org.yaml:snakeyaml:2.4
//DEPS org.zeroturnaround:zt-exec:1.12
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS org.slf4j:slf4j-nop:2.0.17
//DEPS org.junit:junit-bom:5.14.1@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
//DEPS org.testcontainers:testcontainers:2.0.5
//DEPS io.modelcontextprotocol.sdk:mcp:2.1.0
// the SDK needs jackson-annotations 2.21, newer than the one Testcontainers brings
//DEPS com.fasterxml.jackson.core:jackson-annotations:2.21
//DEPS com.tngtech.archunit:archunit:1.4.1
//SOURCES ../lib/piko/**/*.java
//SOURCES ../mcp/piko/**/*.java
//SOURCES piko/**/*.java

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs every piko test (unit and integration) and ends with "N passed, N failed".
 * Arguments, if any, are class name patterns, e.g. ".*PortPlanTest" or ".*it.*".
 */
class PikoTests {
    public static void main(String... args) {
        if (!"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            System.err.println("error: TESTCONTAINERS_RYUK_DISABLED=true is not set (Testcontainers would hang pulling Ryuk)");
            System.err.println("hint: run the tests with tests/run, which sets up the machine and these variables");
            System.exit(2);
        }
        // flow tests plan ports and subnets: in a record of this run, never the user's (nor another run's)
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("piko-unit-machine");
            System.setProperty("piko.machine.db", dir.resolve("machine.db").toString());
            // piko's copy of SQLite's native library: apart from the user's ~/.cache/piko, reused by every run
            System.setProperty("piko.cache.dir", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "piko-unit-cache").toString());
            dir.toFile().deleteOnExit();  // deleted last: files registered later go first
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                dir.resolve("machine.db" + suffix).toFile().deleteOnExit();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        // classes run one after the other, each test of a class after the other, unless a class says
        // @Execution(CONCURRENT) (its projects then share the machine the way several users' do)
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("piko"))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        if (args.length > 0) {
            request.filters(includeClassNamePatterns(args));
        }
        TestExecutionListener listener = new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    skipped.incrementAndGet();
                    System.out.println("SKIP " + name(id) + ": " + reason);
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
                boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                if (!id.isTest() && ok) {
                    return;
                }
                if (ok) {
                    passed.incrementAndGet();
                    System.out.printf("PASS %s (%d ms)%n", name(id), ms);
                } else {
                    failed.incrementAndGet();
                    String why = result.getThrowable().map(t -> t.toString()).orElse(result.getStatus().toString());
                    System.out.printf("FAIL %s (%d ms): %s%n", name(id), ms, why);
                    result.getThrowable().ifPresent(t -> t.printStackTrace(System.out));
                    failures.add(name(id));
                }
                System.out.flush();
            }

            /** "PortPlanTest > keepsExistingPorts()", from the test's unique id. */
            private String name(TestIdentifier id) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[class:(?:[\\w.]*\\.)?([^\\]]+)\\]")
                        .matcher(id.getUniqueId());
                return (m.find() ? m.group(1) + " > " : "") + id.getDisplayName();
            }
        };
        LauncherDiscoveryRequest discovery = request.build();
        LauncherFactory.create().execute(discovery, listener);
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("Failed:");
            failures.forEach(f -> System.out.println("  " + f));
        }
        int total = passed.get() + failed.get();
        System.out.println();
        System.out.println(passed.get() + " passed, " + failed.get() + " failed"
                + (skipped.get() > 0 ? ", " + skipped.get() + " skipped" : ""));
        System.exit(failed.get() > 0 || total == 0 ? 1 : 0);
    }
}
