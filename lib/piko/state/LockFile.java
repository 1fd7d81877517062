package piko.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import piko.core.ProjectLock;
import piko.error.PikoException;

/** The project lock as an OS file lock, so it holds across piko processes; re-entrant within one. */
public final class LockFile implements ProjectLock {
    private final Path file;
    private final Consumer<String> waiting;
    private final ReentrantLock inProcess = new ReentrantLock();

    /** waiting: told when another process holds the lock and this one waits for it. */
    public LockFile(Path file, Consumer<String> waiting) {
        this.file = file;
        this.waiting = waiting;
    }

    @Override
    public <T> T holding(Supplier<T> work) {
        inProcess.lock();
        try {
            if (inProcess.getHoldCount() > 1) {
                return work.get();
            }
            try (FileChannel channel = FileChannel.open(Files.createDirectories(file.getParent()).resolve(file.getFileName()),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock held = channel.tryLock();
                if (held == null) {
                    waiting.accept("waiting for another piko command of this project to finish (it holds " + file + ")");
                    held = channel.lock();
                }
                try {
                    return work.get();
                } finally {
                    held.release();
                }
            } catch (IOException e) {
                throw new PikoException("cannot lock " + file + ": " + e.getMessage(), "check that .piko/ is writable");
            }
        } finally {
            inProcess.unlock();
        }
    }
}
