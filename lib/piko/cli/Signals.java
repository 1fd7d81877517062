package piko.cli;

import piko.error.ExitCode;
import java.lang.reflect.Proxy;
import piko.core.Cancellation;

/**
 * Ctrl-C and SIGTERM during a command that makes things: instead of the JVM's shutdown (whose hooks
 * run while zt-exec already kills every process started, so no undo could run a docker or git
 * command), the signal interrupts the main thread, which stops and undoes what it made there.
 */
public final class Signals {
    private Signals() {
    }

    static void install(Cancellation cancellation) {
        install(cancellation::signal);
    }

    /** Calls back with INT or TERM instead of the JVM's shutdown (piko-mcp ends its own way); false without sun.misc.Signal. */
    public static boolean install(java.util.function.Consumer<String> onSignal) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            for (String name : new String[] {"INT", "TERM"}) {
                Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "handle" -> {
                                onSignal.accept(name);
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "piko " + name + " handler";
                        });
                signal.getMethod("handle", signal, handlerType)
                        .invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no sun.misc.Signal on this JVM: signals end piko as they always did
            return false;
        }
    }

    /** The exit code of a process ended by this signal, as shells report it. */
    static int exitCode(String signal) {
        return ("INT".equals(signal) ? ExitCode.INTERRUPTED : ExitCode.TERMINATED).code();
    }
}
