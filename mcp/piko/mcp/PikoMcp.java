package piko.mcp;

import piko.error.ExitCode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import piko.cli.Main;

/**
 * piko-mcp: piko's commands as the tools of a Model Context Protocol server on stdin/stdout,
 * for the piko project around the working directory (or --directory).
 */
public final class PikoMcp {
    /** How long a stopped command may take to undo what it made (a create removing its containers). */
    private static final long UNDO_SECONDS = 120;

    private PikoMcp() {
    }

    public static void main(String... args) throws InterruptedException {
        Path directory = Path.of(System.getProperty("user.dir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--directory" -> {
                    if (i + 1 == args.length) {
                        usage("--directory needs a directory");
                    }
                    directory = Path.of(args[++i]).toAbsolutePath().normalize();
                }
                case "--version" -> {
                    System.out.println("piko-mcp " + Main.version());
                    return;
                }
                case "-h", "--help" -> {
                    System.out.println("Usage: piko-mcp [--directory <project dir>]");
                    System.out.println("A Model Context Protocol server on stdio: piko's commands as tools.");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (!Files.isDirectory(directory)) {
            usage("no directory " + directory);
        }
        // piko finds its project from user.dir; every docker and git call it makes names its directory
        System.setProperty("user.dir", directory.toString());
        // stdout carries the protocol only: anything else printed by mistake goes to stderr
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        Lifetime lifetime = new Lifetime();
        lifetime.takeSignals();
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                lifetime.watch(System.in), protocol);
        CommandRunner piko = new CommandRunner();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("piko", Main.version())
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(new Tools(piko).specifications())
                .build();
        String signal = lifetime.await();
        // a command still running stops as at Ctrl-C (create undoes itself) before the JVM ends:
        // its shutdown would kill docker and git under it
        if (!piko.stop(signal == null ? "TERM" : signal, UNDO_SECONDS)) {
            System.err.println("piko-mcp: the running command did not stop within " + UNDO_SECONDS + " s; exiting anyway");
        }
        server.close();
        System.exit(Lifetime.exitCode(signal));
    }

    private static void usage(String message) {
        System.err.println("error: " + message);
        System.err.println("hint: see: piko-mcp --help");
        System.exit(ExitCode.USAGE.code());
    }
}
