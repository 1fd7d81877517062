///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.xerial:sqlite-jdbc:3.50.3.0
//DEPS org.yaml:snakeyaml:2.4
//DEPS org.zeroturnaround:zt-exec:1.12
//DEPS org.slf4j:slf4j-nop:1.7.36
//SOURCES lib/piko/**/*.java
//MAIN Piko
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -Xshare:auto
//DESCRIPTION piko: an isolated Docker Compose environment per git worktree, with shared services

// Named Piko (package-private, so the file name need not match): a class `piko` would shadow the package `piko`.
class Piko {
    public static void main(String... args) {
        piko.cli.Main.main(args);
    }
}
