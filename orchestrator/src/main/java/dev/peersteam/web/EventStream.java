package dev.peersteam.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One browser's server-sent event stream: messages are queued by whoever has news (never blocking it) and written
 * by the request's own thread. A browser that falls {@code capacity} messages behind is dropped; its
 * {@code EventSource} connects again by itself and gets the whole picture anew.
 */
final class EventStream {
    private static final String END = "";

    private final BlockingQueue<String> queue;
    private final Runnable onClose;
    private volatile boolean closed;

    EventStream(int capacity, Runnable onClose) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Queues one event; false (and the stream ends) when the browser is too far behind or gone. */
    boolean offer(String event, String json) {
        return offerRaw("event: " + event + "\ndata: " + json + "\n\n");
    }

    /** A comment line: keeps the connection alive and finds browsers that left without a word. */
    boolean ping() {
        return offerRaw(": ping\n\n");
    }

    private boolean offerRaw(String message) {
        if (closed) {
            return false;
        }
        if (!queue.offer(message)) {
            close();
            return false;
        }
        return true;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(END);
            onClose.run();
        }
    }

    /** Writes what is queued as it comes, until the stream is closed or the browser goes away. */
    void pump(OutputStream out) throws IOException {
        try {
            while (true) {
                String message = queue.take();
                if (message == END) {
                    return;
                }
                out.write(message.getBytes(StandardCharsets.UTF_8));
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }
}
