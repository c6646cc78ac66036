package dev.peersteam.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited lines from a blocking channel, each at most {@code maxBytes}. A longer line is reported as
 * {@link TooLong} as soon as it passes the limit, before its end arrives: a client that never sends a newline costs
 * at most {@code maxBytes} of memory and no more reading. After {@link TooLong} the reader is done (the caller closes
 * the connection). Not thread safe: one reader per channel.
 */
final class LineReader {
    sealed interface Next permits Line, TooLong, End {}

    record Line(String text) implements Next {}

    record TooLong() implements Next {}

    /** The peer closed its side; a last line without a newline was returned before this. */
    record End() implements Next {}

    private static final int BUFFER = 16 * 1024;

    private final ReadableByteChannel channel;
    private final int maxBytes;
    private final ByteBuffer buffer;
    private boolean tooLong;

    LineReader(ReadableByteChannel channel, int maxBytes) {
        this.channel = channel;
        this.maxBytes = maxBytes;
        this.buffer =
                ByteBuffer.allocate((int) Math.min(BUFFER, (long) maxBytes + 1)).flip();
    }

    Next next() throws IOException {
        if (tooLong) {
            return new TooLong();
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int read = channel.read(buffer);
                buffer.flip();
                if (read < 0) {
                    return line.size() > 0 ? text(line) : new End();
                }
                continue;
            }
            int start = buffer.position();
            int end = start;
            while (end < buffer.limit() && buffer.get(end) != '\n') {
                end++;
            }
            int length = end - start;
            if (line.size() + length > maxBytes) {
                tooLong = true;
                return new TooLong();
            }
            line.write(buffer.array(), buffer.arrayOffset() + start, length);
            boolean newline = end < buffer.limit();
            buffer.position(newline ? end + 1 : end);
            if (newline) {
                return text(line);
            }
        }
    }

    private static Line text(ByteArrayOutputStream bytes) {
        return new Line(bytes.toString(StandardCharsets.UTF_8));
    }
}
