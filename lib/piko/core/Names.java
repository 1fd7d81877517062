package piko.core;

import piko.error.ExitCode;
import java.util.Locale;
import java.util.regex.Pattern;
import piko.error.PikoException;
import piko.model.Environment;

/** Naming rules: environment names, project names, and the Docker names derived from them. */
public final class Names {
    public static final String SHARED = "shared";
    public static final int MAX_ENV_NAME = 40;
    private static final Pattern ENV_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    public static final int MAX_PROJECT_NAME = 30;
    /**
     * Project names hold no '-': a compose project `piko-<project>-<env>` then splits only one way
     * (the project ends at its first '-'), so no environment name of one project can produce the
     * compose name of another project, its shared project included.
     */
    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9_]*");
    private static final Pattern NOT_ALLOWED_IN_PROJECT = Pattern.compile("[^a-z0-9_]+");

    private Names() {
    }

    /** Validates a user-chosen environment name; it becomes a branch, a folder and part of Docker names. */
    public static String requireValidEnvName(String name) {
        String hint = "use lower-case letters, digits, '-' and '_', starting with a letter or digit, at most "
                + MAX_ENV_NAME + " characters";
        if (name == null || name.isEmpty()) {
            throw new PikoException("environment name is empty", hint, ExitCode.USAGE);
        }
        if (name.length() > MAX_ENV_NAME) {
            throw new PikoException("environment name '" + name + "' is longer than " + MAX_ENV_NAME + " characters", hint, ExitCode.USAGE);
        }
        if (name.equals(SHARED)) {
            throw new PikoException("'shared' is reserved for the shared services project", "pick another name", ExitCode.USAGE);
        }
        if (!ENV_NAME.matcher(name).matches()) {
            throw new PikoException("invalid environment name '" + name + "'", hint, ExitCode.USAGE);
        }
        return name;
    }

    /** Whether requireValidEnvName would accept the name. */
    public static boolean isValidEnvName(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_ENV_NAME && !name.equals(SHARED)
                && ENV_NAME.matcher(name).matches();
    }

    /** A directory name turned into a valid project name: other characters than a-z, 0-9 and '_' become '_'. */
    public static String projectNameFrom(String directoryName) {
        String lower = directoryName.toLowerCase(Locale.ROOT);
        String cleaned = NOT_ALLOWED_IN_PROJECT.matcher(lower).replaceAll("_");
        cleaned = cleaned.replaceAll("^_+", "").replaceAll("_+$", "");
        if (cleaned.length() > MAX_PROJECT_NAME - 3) {
            cleaned = cleaned.substring(0, MAX_PROJECT_NAME - 3).replaceAll("_+$", "");
        }
        return cleaned.isEmpty() ? "project" : cleaned;
    }

    /** Validates a project name chosen with `piko init --name`. */
    public static String requireValidProjectName(String name) {
        String hint = "use lower-case letters, digits and '_' (no '-': it separates the project from the environment"
                + " in Docker's names), starting with a letter or digit, at most " + MAX_PROJECT_NAME + " characters";
        if (name == null || name.isEmpty() || name.length() > MAX_PROJECT_NAME || !PROJECT_NAME.matcher(name).matches()) {
            throw new PikoException("invalid project name '" + name + "'", hint, ExitCode.USAGE);
        }
        return name;
    }

    /** Whether a compose project name could be one of project's (its environments' or its shared one). */
    public static boolean composeProjectOf(String project, String composeProject) {
        return composeProject.startsWith("piko-" + project + "-");
    }

    public static String composeProject(String project, String env) {
        return "piko-" + project + "-" + env;
    }

    public static String sharedComposeProject(String project) {
        return composeProject(project, SHARED);
    }

    /** Environment variable for a service's port: PIKO_<SERVICE>_PORT, '-' and '.' become '_'. */
    public static String portVariable(String service) {
        return "PIKO_" + service.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_PORT";
    }
}
