package piko.core;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import piko.model.Environment;
import piko.model.PortAllocation;
import piko.model.Project;

/** The PIKO_* variables of an environment: for `piko env`, and for the lifecycle scripts. */
public final class EnvVars {
    /**
     * One comparator of piko's own: Comparator.comparing's lambdas live in the JDK, outside the
     * class archive, and spinning them costs a `piko env` 5 ms.
     */
    private static final Comparator<PortAllocation> TCP_FIRST_BY_PORT = (a, b) -> {
        boolean aTcp = a.protocol().equals("tcp");
        boolean bTcp = b.protocol().equals("tcp");
        return aTcp != bTcp ? (aTcp ? -1 : 1) : Integer.compare(a.target(), b.target());
    };

    private EnvVars() {
    }

    /** ports: every allocation the environment uses (its own and, later, shared ones), by service. */
    public static Map<String, String> of(Project project, Environment env, List<PortAllocation> ports) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PIKO_ROOT", project.root().toString());
        vars.put("PIKO_PROJECT", project.name());
        vars.put("PIKO_ENV_NAME", env.name());
        vars.put("PIKO_ENV_PATH", env.path().toString());
        vars.put("PIKO_BRANCH", env.branch());
        vars.put("PIKO_COMPOSE_PROJECT", Names.composeProject(project.name(), env.name()));
        Map<String, List<PortAllocation>> byService = ports.stream()
                .collect(Collectors.groupingBy(PortAllocation::service, TreeMap::new, Collectors.toList()));
        Map<String, String> names = portVariables(byService.keySet());
        for (Map.Entry<String, List<PortAllocation>> e : byService.entrySet()) {
            List<PortAllocation> list = new java.util.ArrayList<>(e.getValue());
            list.sort(TCP_FIRST_BY_PORT);
            String var = names.get(e.getKey());
            vars.put(var, String.valueOf(list.get(0).hostPort()));
            if (list.size() > 1) {
                for (PortAllocation a : list) {
                    vars.putIfAbsent(var + "_" + a.target(), String.valueOf(a.hostPort()));
                }
            }
            for (PortAllocation a : list) {
                if (!a.protocol().equals("tcp")) {
                    vars.putIfAbsent(var + "_" + a.target() + "_" + a.protocol().toUpperCase(java.util.Locale.ROOT),
                            String.valueOf(a.hostPort()));
                }
            }
        }
        return vars;
    }

    /**
     * Each service's PIKO_<SERVICE>_PORT, distinct for every service: services whose names give the
     * same variable (my-db, my_db, my.db; Web, web) are numbered in the order of their names, the
     * first keeping the plain variable and each next one taking PIKO_<SERVICE>_<n>_PORT with the
     * lowest n from 2 on that no other service's variable is.
     */
    public static Map<String, String> portVariables(java.util.Collection<String> services) {
        java.util.SortedSet<String> sorted = new java.util.TreeSet<>(services);
        Map<String, String> plain = new LinkedHashMap<>();
        for (String s : sorted) {
            plain.put(s, Names.portVariable(s));
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : sorted) {
            String var = plain.get(s);
            if (!taken.add(var)) {
                String stem = var.substring(0, var.length() - "_PORT".length());
                int n = 2;
                while (taken.contains(stem + "_" + n + "_PORT") || plain.containsValue(stem + "_" + n + "_PORT")) {
                    n++;
                }
                var = stem + "_" + n + "_PORT";
                taken.add(var);
            }
            out.put(s, var);
        }
        return out;
    }

    /** Pairs of services whose names alone would give one variable, for a warning: "my-db and my_db". */
    public static List<String> renumbered(java.util.Collection<String> services) {
        Map<String, String> vars = portVariables(services);
        List<String> out = new java.util.ArrayList<>();
        vars.forEach((service, var) -> {
            if (!var.equals(Names.portVariable(service))) {
                out.add(service + "'s port is " + var + " (" + Names.portVariable(service) + " is another service's)");
            }
        });
        return out;
    }

    /** `export K='v'` lines that a POSIX shell's eval accepts for any value. */
    public static String asShell(Map<String, String> vars) {
        return piko.text.EnvFormat.render(piko.text.EnvFormat.SH, vars);
    }
}
