package piko.core;

import piko.error.ExitCode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import piko.error.PikoException;
import piko.model.ComposeTarget;
import piko.model.Environment;

/**
 * Which compose project a passthrough command (logs, exec, compose) acts on: the environment's own,
 * or the shared one when the services named run in a shared instance (or the name is "shared").
 */
public final class ComposeAccess {
    /** The project to run compose on, the variables its files need, and what to tell the user (or null). */
    public record Resolved(ComposeTarget target, Map<String, String> vars, String note) {
    }

    private final Workspace ws;
    private final Environments environments;
    private final SharedDeclaration declaration;
    private final SharedInstances instances;
    private final EnvironmentCompose compose;

    public ComposeAccess(Workspace ws, Environments environments, Shared shared, EnvironmentCompose compose) {
        this.ws = ws;
        this.environments = environments;
        this.declaration = shared.declaration();
        this.instances = shared.instances();
        this.compose = compose;
    }

    /** True when a word names an environment (or the shared project) rather than a service. */
    public boolean namesEnvironment(String word) {
        return Names.SHARED.equals(word) || ws.store().environment(word).isPresent();
    }

    /** The project for these services of an environment (null: none known, then only shared services work). */
    public Resolved of(String name, List<String> services) {
        if (Names.SHARED.equals(name)) {
            return sharedInstance(services);
        }
        if (name == null) {
            if (!services.isEmpty() && declaration.instances().containsAll(services)) {
                return sharedInstance(services);
            }
            throw new PikoException("which environment? give its name, or run this inside its worktree",
                    "see them with: piko list", ExitCode.USAGE);
        }
        Environment env = environments.require(name);
        List<String> used = declaration.consumers().getOrDefault(name, List.of());
        requireKnown(name, env, services, used);
        List<String> viaShared = services.stream().filter(used::contains).toList();
        if (!viaShared.isEmpty() && viaShared.size() == services.size()) {
            return sharedInstance(services);
        }
        if (!viaShared.isEmpty()) {
            throw new PikoException(String.join(", ", viaShared) + " of " + name + " run in the shared instance, "
                    + "the other services in the environment itself", "name them in separate calls", ExitCode.USAGE);
        }
        if (!Files.isRegularFile(compose.overrideFile(env))) {
            throw new PikoException("environment " + name + " has no compose files in " + env.path(),
                    "recreate it: piko destroy " + name + ", then piko create " + name);
        }
        return new Resolved(compose.target(env), environments.vars(name), null);
    }

    /** A service the environment neither runs nor takes from a shared instance: compose's bare "no such service" otherwise. */
    private static void requireKnown(String name, Environment env, List<String> services, List<String> used) {
        if (env.services().isEmpty() && used.isEmpty()) {
            return;  // nothing recorded (an unfinished create): compose itself answers
        }
        List<String> known = new java.util.ArrayList<>(env.services());
        used.stream().filter(s -> !known.contains(s)).forEach(known::add);
        List<String> unknown = services.stream().filter(s -> !known.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new PikoException("no service " + String.join(", ", unknown) + " in environment " + name,
                    "its services: " + String.join(", ", known), ExitCode.USAGE);
        }
    }

    private Resolved sharedInstance(List<String> services) {
        Set<String> sharedNames = declaration.instances();
        List<String> unknown = services.stream().filter(s -> !sharedNames.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new PikoException("no shared service " + String.join(", ", unknown),
                    sharedNames.isEmpty() ? "nothing is shared" : "the shared services: " + String.join(", ", sharedNames), ExitCode.USAGE);
        }
        String which = services.isEmpty() ? "the shared services" : String.join(", ", services)
                + (services.size() == 1 ? " is shared" : " are shared");
        return new Resolved(instances.target(), Map.of(),
                which + ": acting on the shared instance, compose project " + instances.composeProject());
    }
}
