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

/**
 * A lock as an OS file lock, so it holds across piko processes (and goes with a process that is
 * killed); re-entrant within one. The holder writes who it is into the file, for those who wait.
 */
public final class LockFile implements ProjectLock {
    private final Path file;
    private final String what;
    private final String holder;
    private final Consumer<String> waiting;
    private final ReentrantLock inProcess = new ReentrantLock();

    /** waiting: told when another process holds the lock and this one waits for it. */
    public LockFile(Path file, Consumer<String> waiting) {
        this(file, "another piko command of this project", null, waiting);
    }

    /**
     * what: who else may hold it, for the waiting message ("another piko command on environment x");
     * holder: what this process is doing while it holds it ("piko destroy x"), or null.
     */
    public LockFile(Path file, String what, String holder, Consumer<String> waiting) {
        this.file = file;
        this.what = what;
        this.holder = holder;
        this.waiting = waiting;
    }

    @Override
    public <T> T holding(Supplier<T> work) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        whileHeld(true, () -> result.set(work.get()));
        return result.get();
    }

    @Override
    public boolean tryHolding(Runnable work) {
        return whileHeld(false, work);
    }

    /** Runs work holding the lock (this thread may hold it already); false, without running it, when held elsewhere and not to wait. */
    private boolean whileHeld(boolean wait, Runnable work) {
        inProcess.lock();
        try {
            if (inProcess.getHoldCount() > 1) {
                work.run();
                return true;
            }
            try (FileChannel channel = FileChannel.open(Files.createDirectories(file.getParent()).resolve(file.getFileName()),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock held = channel.tryLock();
                if (held == null) {
                    if (!wait) {
                        return false;
                    }
                    String who = holder == null ? "" : heldBy();
                    waiting.accept("waiting for " + what + " to finish (" + (who.isEmpty() ? "it holds " + file : who) + ")");
                    held = channel.lock();
                }
                try {
                    writeHolder(channel);
                    work.run();
                    return true;
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

    private void writeHolder(FileChannel channel) throws IOException {
        if (holder != null) {
            channel.truncate(0).write(java.nio.ByteBuffer.wrap((holder + ", process "
                    + ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0);
        }
    }

    /** True while another process holds the lock; this process holding it, or nobody, is false. */
    @Override
    public boolean heldElsewhere() {
        if (inProcess.isLocked() || !Files.exists(file)) {
            return false;  // closing a second channel would drop this process's own lock (POSIX locks are per process)
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    /** Who holds the lock, as the holder wrote it ("piko create x, process 123"); empty when nobody wrote. */
    @Override
    public String holder() {
        return heldBy();
    }

    /** What the holder wrote into the file ("piko create x, process 123"); empty when it wrote nothing yet. */
    private String heldBy() {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
