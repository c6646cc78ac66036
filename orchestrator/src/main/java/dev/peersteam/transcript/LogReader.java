package dev.peersteam.transcript;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a JSON-lines log from the start and, when following, goes on as it grows; each line becomes a record through
 * the log's own decoder ({@link TrafficLine#decode} for a role's traffic, the journal's for the journal), and a line
 * it cannot read is skipped. Following waits on the file system's change notifications (inotify on Linux), not on a
 * timer; a last line still being written is held back until its newline arrives.
 */
public final class LogReader<T> {
    private final Path file;
    private final Function<String, Optional<T>> decoder;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    public LogReader(Path file, Function<String, Optional<T>> decoder) {
        this.file = file;
        this.decoder = decoder;
    }

    /** Hands every complete record written so far to {@code records}; returns how many. */
    public int readAvailable(Consumer<T> records) throws IOException {
        int count = 0;
        if (!java.nio.file.Files.exists(file)) {
            return 0; // not written yet; following picks it up when it is created
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < position) {
                position = 0; // the log was replaced: start over
                partial.setLength(0);
            }
            in.seek(position);
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, in.length() - position)];
            in.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        }
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            if (!line.isBlank()) {
                Optional<T> record = decoder.apply(line); // empty for a damaged line: skip it, keep reading
                if (record.isPresent()) {
                    records.accept(record.get());
                    count++;
                }
            }
        }
        return count;
    }

    /** Reads what there is, then follows the file until the thread is interrupted. */
    public void follow(Consumer<T> records) throws IOException, InterruptedException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent()
                    .register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            readAvailable(records);
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.take();
                key.pollEvents();
                readAvailable(records);
                if (!key.reset()) {
                    return; // the folder is gone
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed from another thread: stop following
        }
    }
}
