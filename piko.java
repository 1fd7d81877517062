///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
// picocli's published sources: `piko install` compiles them for Java 17, the oldest class files a class-data archive holds
//DEPS info.picocli:picocli:4.7.7:sources
//DEPS org.xerial:sqlite-jdbc:3.50.3.0
//DEPS org.yaml:snakeyaml:2.4
//DEPS org.zeroturnaround:zt-exec:1.12
// slf4j 2 (for zt-exec and sqlite-jdbc), whose classes a class-data archive holds, unlike 1.7's Java 5 ones
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES lib/piko/cli/BaseCommand.java
//SOURCES lib/piko/cli/Binding.java
//SOURCES lib/piko/cli/Build.java
//SOURCES lib/piko/cli/CommandSpecs.java
//SOURCES lib/piko/cli/Complete.java
//SOURCES lib/piko/cli/Completion.java
//SOURCES lib/piko/cli/Compose.java
//SOURCES lib/piko/cli/Console.java
//SOURCES lib/piko/cli/Context.java
//SOURCES lib/piko/cli/Create.java
//SOURCES lib/piko/cli/Destroy.java
//SOURCES lib/piko/cli/Doctor.java
//SOURCES lib/piko/cli/Down.java
//SOURCES lib/piko/cli/Env.java
//SOURCES lib/piko/cli/EnvSnapshot.java
//SOURCES lib/piko/cli/Exec.java
//SOURCES lib/piko/cli/Init.java
//SOURCES lib/piko/cli/Install.java
//SOURCES lib/piko/cli/Isolate.java
//SOURCES lib/piko/cli/Json.java
//SOURCES lib/piko/cli/ListEnvs.java
//SOURCES lib/piko/cli/Logs.java
//SOURCES lib/piko/cli/Main.java
//SOURCES lib/piko/cli/PicocliFactory.java
//SOURCES lib/piko/cli/PikoCommand.java
//SOURCES lib/piko/cli/PortText.java
//SOURCES lib/piko/cli/Quiet.java
//SOURCES lib/piko/cli/Restart.java
//SOURCES lib/piko/cli/Share.java
//SOURCES lib/piko/cli/Shared.java
//SOURCES lib/piko/cli/Signals.java
//SOURCES lib/piko/cli/Status.java
//SOURCES lib/piko/cli/Table.java
//SOURCES lib/piko/cli/Terminal.java
//SOURCES lib/piko/cli/Training.java
//SOURCES lib/piko/cli/Up.java
//SOURCES lib/piko/cli/Version.java
//SOURCES lib/piko/cli/Views.java
//SOURCES lib/piko/config/DotEnv.java
//SOURCES lib/piko/config/PikoConfig.java
//SOURCES lib/piko/config/PikoYamlEditor.java
//SOURCES lib/piko/core/Cancellation.java
//SOURCES lib/piko/core/Checkup.java
//SOURCES lib/piko/core/ComposeAccess.java
//SOURCES lib/piko/core/ComposeFiles.java
//SOURCES lib/piko/core/ComposeGateway.java
//SOURCES lib/piko/core/ComposeInputs.java
//SOURCES lib/piko/core/EnvVars.java
//SOURCES lib/piko/core/EnvironmentCompose.java
//SOURCES lib/piko/core/Environments.java
//SOURCES lib/piko/core/Names.java
//SOURCES lib/piko/core/OverrideFile.java
//SOURCES lib/piko/core/PortConflict.java
//SOURCES lib/piko/core/PortPlan.java
//SOURCES lib/piko/core/PortProbe.java
//SOURCES lib/piko/core/ProjectLock.java
//SOURCES lib/piko/core/ProjectSetup.java
//SOURCES lib/piko/core/ProjectStore.java
//SOURCES lib/piko/core/Reporter.java
//SOURCES lib/piko/core/Scripts.java
//SOURCES lib/piko/core/Shared.java
//SOURCES lib/piko/core/SharedDeclaration.java
//SOURCES lib/piko/core/SharedInstances.java
//SOURCES lib/piko/core/SharedLinks.java
//SOURCES lib/piko/core/SharedServices.java
//SOURCES lib/piko/core/StatusReport.java
//SOURCES lib/piko/core/Steps.java
//SOURCES lib/piko/core/Unisolated.java
//SOURCES lib/piko/core/Workspace.java
//SOURCES lib/piko/core/WorktreeCopies.java
//SOURCES lib/piko/core/Worktrees.java
//SOURCES lib/piko/docker/ComposeVersion.java
//SOURCES lib/piko/docker/Daemon.java
//SOURCES lib/piko/docker/Docker.java
//SOURCES lib/piko/docker/HostPorts.java
//SOURCES lib/piko/docker/PsPrefetch.java
//SOURCES lib/piko/error/PikoException.java
//SOURCES lib/piko/exec/ProcessRunner.java
//SOURCES lib/piko/exec/Timeouts.java
//SOURCES lib/piko/exec/Watch.java
//SOURCES lib/piko/git/Git.java
//SOURCES lib/piko/install/Installer.java
//SOURCES lib/piko/install/Jars.java
//SOURCES lib/piko/install/Jdks.java
//SOURCES lib/piko/install/Launch.java
//SOURCES lib/piko/install/PicocliJar.java
//SOURCES lib/piko/model/ComposeModel.java
//SOURCES lib/piko/model/ComposeTarget.java
//SOURCES lib/piko/model/Container.java
//SOURCES lib/piko/model/Environment.java
//SOURCES lib/piko/model/Labels.java
//SOURCES lib/piko/model/PortAllocation.java
//SOURCES lib/piko/model/PortRequest.java
//SOURCES lib/piko/model/Project.java
//SOURCES lib/piko/state/LockFile.java
//SOURCES lib/piko/state/MachinePorts.java
//SOURCES lib/piko/state/Migrations.java
//SOURCES lib/piko/state/NativeSqlite.java
//SOURCES lib/piko/state/ProjectState.java
//SOURCES lib/piko/state/StateStamp.java
//SOURCES lib/piko/state/Store.java
//SOURCES lib/piko/state/Transaction.java
//SOURCES lib/piko/text/EnvFormat.java
//SOURCES lib/piko/text/JsonString.java
//SOURCES lib/piko/text/TextFile.java
//MAIN Piko
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.locale.providers=HOST
//DESCRIPTION piko: an isolated Docker Compose environment per git worktree, with shared services

// Named Piko (package-private, so the file name need not match): a class `piko` would shadow the package `piko`.
class Piko {
    public static void main(String... args) {
        piko.cli.Main.main(args);
    }
}
