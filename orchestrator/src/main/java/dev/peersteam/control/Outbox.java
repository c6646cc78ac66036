package dev.peersteam.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything a connection writes goes through here: a queue drained by the connection's own writer thread, so no
 * caller ever waits for a client. Lines are encoded when queued, so what a connection holds is counted in bytes.
 * Responses are always taken (a connection has at most one in flight); stream events only up to a number of lines
 * and of bytes, past which the client is dropped with a final {@code slow_consumer} line. Once finishing, what is
 * queued is written, the channel closes, and {@link #done()} completes; a client that does not read by then is cut
 * off after a grace.
 */
final class Outbox {
    private final SocketChannel channel;
    private final ControlCodec codec;
    private final int eventCapacity;
    private final long maxQueuedBytes;
    private final Duration drainGrace;
    private final ScheduledExecutorService timer;
    private final ServerThreads threads;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>(); // guarded by lock
    private long queuedBytes; // guarded by lock
    private boolean finishing; // guarded by lock: nothing more is accepted
    private ScheduledFuture<?> cutOff; // guarded by lock
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    Outbox(
            SocketChannel channel,
            ControlCodec codec,
            ControlServer.Settings settings,
            ScheduledExecutorService timer,
            ServerThreads threads) {
        this.channel = channel;
        this.codec = codec;
        this.eventCapacity = settings.eventQueueCapacity();
        this.maxQueuedBytes = settings.maxQueuedBytes();
        this.drainGrace = settings.drainGrace();
        this.timer = timer;
        this.threads = threads;
    }

    void start() {
        threads.start("control-writer", this::drain);
    }

    /** Queues a response; false when the connection is already finishing. */
    boolean send(ControlResponse response) {
        byte[] line = encode(response);
        lock.lock();
        try {
            if (finishing) {
                return false;
            }
            add(line);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues an event without ever blocking; a client that is a whole queue (lines or bytes) behind is dropped with a
     * final slow_consumer line, and an event that cannot be written ends the stream with internal.
     */
    boolean push(ServerLine.Event event) {
        byte[] line;
        try {
            line = encode(event);
        } catch (RuntimeException e) {
            finish(new ControlResponse.Error(
                    ControlResponse.Error.INTERNAL, "an event could not be written: " + e.getMessage()));
            return false;
        }
        lock.lock();
        try {
            if (finishing) {
                return false;
            }
            if (lines.size() < eventCapacity && queuedBytes + line.length <= maxQueuedBytes) {
                add(line);
                return true;
            }
            // it would not read them in time anyway; the error line tells it why
            String behind = lines.size() >= eventCapacity
                    ? eventCapacity + " events"
                    : (queuedBytes + line.length) / 1024 + " KiB of events";
            lines.clear();
            queuedBytes = 0;
            finishLocked(new ControlResponse.Error(
                    ControlResponse.Error.SLOW_CONSUMER, "dropped: this client fell " + behind + " behind"));
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
            queuedBytes = 0;
            ready.signal();
        } finally {
            lock.unlock();
        }
        closeChannel();
    }

    /** What is queued and not yet written, in bytes. */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
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

    private byte[] encode(ServerLine line) {
        return (codec.encode(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void add(byte[] line) {
        lines.add(line);
        queuedBytes += line.length;
        ready.signal();
    }

    private void finishLocked(ControlResponse.Error last) {
        finishing = true;
        if (last != null) {
            add(encode(last));
        }
        ready.signal();
        // A client that stopped reading would keep the writer blocked forever; cut it off after the grace.
        try {
            cutOff = timer.schedule(
                    () -> {
                        if (!done.isDone()) {
                            closeChannel();
                        }
                    },
                    drainGrace.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException serverClosed) {
            // the server has closed and cut every connection off already
        }
    }

    private void drain() {
        try {
            while (true) {
                byte[] next;
                lock.lock();
                try {
                    while (lines.isEmpty() && !finishing) {
                        ready.await();
                    }
                    next = lines.poll();
                    if (next != null) {
                        queuedBytes -= next.length;
                    }
                } finally {
                    lock.unlock();
                }
                if (next == null) {
                    return; // finishing, and everything is written
                }
                write(next);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away, or the channel was closed under us: stop either way
        } finally {
            ScheduledFuture<?> pending;
            lock.lock();
            try {
                finishing = true;
                lines.clear();
                queuedBytes = 0;
                pending = cutOff;
            } finally {
                lock.unlock();
            }
            if (pending != null) {
                pending.cancel(false);
            }
            closeChannel();
            done.complete(null);
        }
    }

    private void write(byte[] line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
