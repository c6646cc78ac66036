package dev.peersteam.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited lines from a blocking channel, each at most {@code maxBytes}. A longer line is skipped without
 * being buffered (a runaway client costs no memory) and reported as {@link TooLong}, so the caller can answer it and
 * carry on with the next line. Not thread safe: one reader per channel.
 */
final class LineReader {
    sealed interface Next permits Line, TooLong, End {}

    record Line(String text) implements Next {}

    record TooLong() implements Next {}

    /** The peer closed its side; a last line without a newline was returned before this. */
    record End() implements Next {}

    private final ReadableByteChannel channel;
    private final int maxBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();

    LineReader(ReadableByteChannel channel, int maxBytes) {
        this.channel = channel;
        this.maxBytes = maxBytes;
    }

    Next next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int read = channel.read(buffer);
                buffer.flip();
                if (read < 0) {
                    if (tooLong) {
                        return new TooLong();
                    }
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
            if (!tooLong && line.size() + length > maxBytes) {
                tooLong = true;
                line = new ByteArrayOutputStream(); // let the partial line go
            }
            if (!tooLong) {
                line.write(buffer.array(), buffer.arrayOffset() + start, length);
            }
            boolean newline = end < buffer.limit();
            buffer.position(newline ? end + 1 : end);
            if (newline) {
                return tooLong ? new TooLong() : text(line);
            }
        }
    }

    private static Line text(ByteArrayOutputStream bytes) {
        return new Line(bytes.toString(StandardCharsets.UTF_8));
    }
}
