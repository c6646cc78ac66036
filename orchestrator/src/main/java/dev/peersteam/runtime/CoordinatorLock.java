package dev.peersteam.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One coordinator per repository: an OS file lock on {@code .peers/coordinator.lock}. The kernel drops the lock
 * when the process dies, however it dies, so a crash never leaves a stale lock behind. The file holds the owner's
 * pid, for messages.
 */
public final class CoordinatorLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private CoordinatorLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when another live coordinator holds it. */
    public static Optional<CoordinatorLock> tryAcquire(Path file) {
        try {
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return Optional.of(new CoordinatorLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The pid written by the coordinator that holds (or last held) the lock, if readable. */
    public static Optional<Long> holder(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending; the kernel releases the lock anyway
        }
    }
}
