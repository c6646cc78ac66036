package dev.peersteam.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything a connection writes goes through here: a queue drained by the connection's own writer thread, so no
 * caller ever waits for a client. Responses are always taken (a connection has at most one in flight); stream
 * events only up to a bound, past which the client is dropped. Once finishing, what is queued is written, the
 * channel closes, and {@link #done()} completes; a client that does not read by then is cut off after a grace.
 */
final class Outbox {
    private final SocketChannel channel;
    private final ControlCodec codec;
    private final int eventCapacity;
    private final Duration drainGrace;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<ServerLine> lines = new ArrayDeque<>();
    private boolean finishing; // guarded by lock: nothing more is accepted
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    Outbox(SocketChannel channel, ControlCodec codec, int eventCapacity, Duration drainGrace) {
        this.channel = channel;
        this.codec = codec;
        this.eventCapacity = eventCapacity;
        this.drainGrace = drainGrace;
    }

    void start() {
        Thread.ofVirtual().name("control-writer").start(this::drain);
    }

    /** Queues a response; false when the connection is already finishing. */
    boolean send(ControlResponse response) {
        lock.lock();
        try {
            if (finishing) {
                return false;
            }
            lines.add(response);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues an event without ever blocking; a full queue drops the client with a final slow_consumer line. */
    boolean push(ServerLine.Event event) {
        lock.lock();
        try {
            if (finishing) {
                return false;
            }
            if (lines.size() < eventCapacity) {
                lines.add(event);
                ready.signal();
                return true;
            }
            lines.clear(); // it would not read them in time anyway; the error line tells it why
            finishLocked(new ControlResponse.Error(
                    ControlResponse.Error.SLOW_CONSUMER,
                    "dropped: this client fell " + eventCapacity + " events behind"));
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued, then {@code last} (if any), then closes. Later calls change nothing. */
    void finish(ControlResponse.Error last) {
        lock.lock();
        try {
            if (!finishing) {
                finishLocked(last);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client is gone: nothing more is worth writing. */
    void abandon() {
        lock.lock();
        try {
            finishing = true;
            lines.clear();
            ready.signal();
        } finally {
            lock.unlock();
        }
        closeChannel();
    }

    boolean finishing() {
        lock.lock();
        try {
            return finishing;
        } finally {
            lock.unlock();
        }
    }

    /** Completes once the writer has stopped and the channel is closed. */
    CompletableFuture<Void> done() {
        return done;
    }

    void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void finishLocked(ControlResponse.Error last) {
        finishing = true;
        if (last != null) {
            lines.add(last);
        }
        ready.signal();
        // A client that stopped reading would keep the writer blocked forever; cut it off after the grace.
        CompletableFuture.delayedExecutor(drainGrace.toMillis(), TimeUnit.MILLISECONDS, Thread::startVirtualThread)
                .execute(() -> {
                    if (!done.isDone()) {
                        closeChannel();
                    }
                });
    }

    private void drain() {
        try {
            while (true) {
                ServerLine next;
                lock.lock();
                try {
                    while (lines.isEmpty() && !finishing) {
                        ready.await();
                    }
                    next = lines.poll();
                } finally {
                    lock.unlock();
                }
                if (next == null) {
                    return; // finishing, and everything is written
                }
                write(codec.encode(next));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away, the channel was closed under us, or an event did not serialize: stop either way
        } finally {
            lock.lock();
            try {
                finishing = true;
                lines.clear();
            } finally {
                lock.unlock();
            }
            closeChannel();
            done.complete(null);
        }
    }

    private void write(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
