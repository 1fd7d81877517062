package piko.mcp;

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
import java.util.concurrent.CountDownLatch;
import piko.cli.Main;

/**
 * piko-mcp: piko's commands as the tools of a Model Context Protocol server on stdin/stdout,
 * for the piko project around the working directory (or --directory).
 */
public final class PikoMcp {
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
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                System.in, protocol);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("piko", Main.version())
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(new Tools(new CommandRunner()).specifications())
                .build();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully));
        forever.await();
    }

    private static void usage(String message) {
        System.err.println("error: " + message);
        System.err.println("hint: see: piko-mcp --help");
        System.exit(2);
    }
}
