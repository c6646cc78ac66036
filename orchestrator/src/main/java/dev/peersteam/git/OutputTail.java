package dev.peersteam.git;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the last {@code capacity} bytes written to it, so a setup command that prints without end cannot exhaust
 * memory. Thread-safe: a command's stdout and stderr are pumped into one tail by two threads.
 */
final class OutputTail extends OutputStream {
    private final int capacity;
    private byte[] buffer = new byte[64];
    private int length;
    private boolean truncated;

    OutputTail(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) {
        if (count >= capacity) {
            buffer = Arrays.copyOfRange(bytes, offset + count - capacity, offset + count);
            length = capacity;
            truncated = true;
            return;
        }
        if (length + count > 2 * capacity) { // drop the oldest bytes, at most once per `capacity` bytes written
            int keep = capacity - count;
            System.arraycopy(buffer, length - keep, buffer, 0, keep);
            length = keep;
            truncated = true;
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(2 * capacity, Math.max(2 * buffer.length, length + count)));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** All that is kept, decoded as UTF-8. */
    synchronized String text() {
        return (truncated ? "…" : "") + new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** The last {@code n} lines. */
    String lastLines(int n) {
        List<String> lines = text().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
