package piko.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import piko.error.PikoException;

/**
 * The project lock, .piko/lock: held around every change of piko.yaml and of the shared instances,
 * so piko processes of one project make those changes one at a time. Re-entrant within a process
 * (share holds it while it starts the instance, which takes it too).
 */
public final class ProjectLock {
    public static final String FILE = "lock";
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static FileLock held;

    private ProjectLock() {
    }

    /** Runs work holding the lock of the project at root; says so through waiting when it must wait. */
    public static <T> T hold(Path root, Consumer<String> waiting, Supplier<T> work) {
        IN_PROCESS.lock();
        try {
            if (IN_PROCESS.getHoldCount() > 1) {
                return work.get();
            }
            Path file = root.resolve(Workspace.DIR).resolve(FILE);
            try (FileChannel channel = FileChannel.open(Files.createDirectories(file.getParent()).resolve(FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                held = channel.tryLock();
                if (held == null) {
                    waiting.accept("waiting for another piko command of this project to finish (it holds " + file + ")");
                    held = channel.lock();
                }
                try {
                    return work.get();
                } finally {
                    held.release();
                    held = null;
                }
            } catch (IOException e) {
                throw new PikoException("cannot lock " + file + ": " + e.getMessage(), "check that .piko/ is writable");
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    public static void hold(Path root, Consumer<String> waiting, Runnable work) {
        hold(root, waiting, () -> {
            work.run();
            return null;
        });
    }
}
