package dev.peersteam.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A client of the control socket (CLI verbs, the console, any other). {@link #call} sends a request and returns
 * its reply as the record the request names ({@code call(new ControlRequest.Ps())} is a {@link PsReply});
 * {@link #subscribe} turns the connection into a stream of {@link TeamEvent}s. One operation at a time; a stream
 * uses up the connection, so the console keeps one client for its subscription and another for requests. Thread
 * safe, and {@link #close()} from any thread ends a blocked call or stream.
 */
public final class ControlClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final SocketChannel channel;
    private final Duration timeout;
    private final ControlCodec codec = new ControlCodec();
    private final LineReader lines;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ControlClient(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
        this.lines = new LineReader(channel, ControlCodec.MAX_SERVER_LINE_BYTES);
    }

    public static ControlClient connect(Path socketPath) throws NoCoordinatorException, IOException {
        return connect(socketPath, DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long {@link #request(ControlRequest)} waits for an answer
     * @throws NoCoordinatorException when there is no socket file, or nobody listens on it
     */
    public static ControlClient connect(Path socketPath, Duration timeout) throws NoCoordinatorException, IOException {
        Objects.requireNonNull(timeout, "timeout");
        Path socket = socketPath.toAbsolutePath().normalize();
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoCoordinatorException(socket, "no coordinator is running (no control socket at " + socket + ")");
        }
        try {
            return new ControlClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)), timeout);
        } catch (ConnectException refused) {
            throw new NoCoordinatorException(
                    socket,
                    "no coordinator is running (nobody listens on " + socket + "; a coordinator did not stop cleanly)");
        } catch (IOException e) {
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) { // removed while we connected
                throw new NoCoordinatorException(
                        socket, "no coordinator is running (no control socket at " + socket + ")");
            }
            throw new IOException("cannot connect to the coordinator at " + socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends a request and returns its reply, waiting up to the client's timeout.
     *
     * @throws ControlErrorException when the coordinator answers with an error (unknown_role, bad_request, ...)
     */
    public <R extends ControlReply> R call(ControlRequest.Call<R> request) throws IOException, ControlErrorException {
        return call(request, timeout);
    }

    /** {@link #call(ControlRequest.Call)} with a timeout of its own. */
    public <R extends ControlReply> R call(ControlRequest.Call<R> request, Duration timeout)
            throws IOException, ControlErrorException {
        return switch (request(request, timeout)) {
            case ControlResponse.Ok ok -> request.replyType().cast(ok.body());
            case ControlResponse.Error error -> throw new ControlErrorException(error);
        };
    }

    /** Sends a request and returns the answer as it came: ok with the reply, or the error. */
    public ControlResponse request(ControlRequest.Call<?> request) throws IOException {
        return request(request, timeout);
    }

    /**
     * Sends a request and waits for its answer. On timeout the client is closed (a late answer would be taken for
     * the next one) and {@link SocketTimeoutException} is thrown.
     */
    public ControlResponse request(ControlRequest.Call<?> request, Duration timeout) throws IOException {
        lock.lock();
        try {
            // Not polling: a one-off timer closes the channel, which ends the blocked read.
            CompletableFuture<Boolean> watchdog = new CompletableFuture<>();
            AtomicBoolean timedOut = new AtomicBoolean();
            watchdog.completeOnTimeout(Boolean.TRUE, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAccept(expired -> {
                        if (expired) {
                            timedOut.set(true);
                            close();
                        }
                    });
            try {
                return exchange(request);
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new SocketTimeoutException("the coordinator did not answer within " + timeout);
                }
                throw e;
            } finally {
                watchdog.complete(Boolean.FALSE);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subscribes to the team's events and hands each to {@code onEvent} (on this thread) until the coordinator ends
     * the stream or this client is closed; either way it returns normally, and the connection is used up. Events of
     * a kind this client does not know are skipped.
     *
     * @throws ControlErrorException when the stream is refused or ended with an error line (shutting_down,
     *                               slow_consumer, ...)
     */
    public void subscribe(Consumer<TeamEvent> onEvent) throws IOException, ControlErrorException {
        lock.lock();
        try {
            try {
                write(codec.encode(new ControlRequest.Subscribe()));
                while (true) {
                    LineReader.Next next = lines.next();
                    switch (next) {
                        case LineReader.End end -> {
                            return;
                        }
                        case LineReader.TooLong tooLong ->
                            throw new IOException("the coordinator sent a line longer than "
                                    + ControlCodec.MAX_SERVER_LINE_BYTES + " bytes");
                        case LineReader.Line line -> {
                            switch (valid(codec.decodeStreamLine(line.text()))) {
                                case StreamLine.Event event -> onEvent.accept(event.event());
                                case StreamLine.Skipped skipped -> {
                                    // newer than this client: nothing to show for it
                                }
                                case StreamLine.Ended ended -> throw new ControlErrorException(ended.error());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                if (closed.get()) {
                    return; // closed by us, from another thread
                }
                throw e;
            }
        } finally {
            lock.unlock();
            close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closed is closed
            }
        }
    }

    private ControlResponse exchange(ControlRequest.Call<?> request) throws IOException {
        try {
            write(codec.encode(request));
        } catch (IOException e) {
            // The server may have refused us (another user) or be shutting down: its last line is still readable.
            if (!closed.get()
                    && lines.next() instanceof LineReader.Line line
                    && codec.decodeResponse(line.text(), request.replyType())
                            instanceof Decoded.Valid<ControlResponse>(ControlResponse.Error error)) {
                return error;
            }
            throw e;
        }
        LineReader.Next next = lines.next();
        return switch (next) {
            case LineReader.End end -> throw new IOException("the coordinator closed the connection without answering");
            case LineReader.TooLong tooLong ->
                throw new IOException(
                        "the coordinator's answer is longer than " + ControlCodec.MAX_SERVER_LINE_BYTES + " bytes");
            case LineReader.Line line -> valid(codec.decodeResponse(line.text(), request.replyType()));
        };
    }

    private static <T> T valid(Decoded<T> decoded) throws IOException {
        return switch (decoded) {
            case Decoded.Valid<T> valid -> valid.value();
            case Decoded.Invalid<T> invalid ->
                throw new IOException("unreadable line from the coordinator ("
                        + invalid.error().message() + ")");
        };
    }

    private void write(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
