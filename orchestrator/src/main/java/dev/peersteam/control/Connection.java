package dev.peersteam.control;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * One client connection on the server. Its reader thread takes one request at a time, so answers come back in
 * order; its {@link Outbox} writes. A streaming request turns it into a stream for the rest of its life.
 *
 * <p>Bounded: a request line longer than the limit is answered with {@code bad_request} and ends the connection; a
 * connection that is idle (no request being handled, no stream) for the idle timeout is told so and closed, which
 * also ends a client that sends half a line and hangs. A stream is never idle.
 */
final class Connection {
    private enum State {
        /** Waiting for the next request line. */
        IDLE,
        /** A request is being handled; its answer has not been queued yet. */
        BUSY,
        STREAMING,
        /** The server is closing or the connection ends; nothing new is started. */
        CLOSING,
    }

    private final SocketChannel channel;
    private final ControlHandler handler;
    private final ControlCodec codec;
    private final UserPrincipal allowedUser;
    private final CompletableFuture<ControlResponse> shuttingDown;
    private final ControlServer.Settings settings;
    private final ScheduledExecutorService timer;
    private final ServerThreads threads;
    private final Outbox outbox;

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.IDLE; // guarded by lock
    private ScheduledFuture<?> idleDeadline; // guarded by lock; set while IDLE

    /**
     * @param shuttingDown the server's: completes with {@code shutting_down} once it has closed and the grace for
     *                     in-flight requests is over
     */
    Connection(
            SocketChannel channel,
            ControlHandler handler,
            ControlCodec codec,
            ControlServer.Settings settings,
            UserPrincipal allowedUser,
            CompletableFuture<ControlResponse> shuttingDown,
            ScheduledExecutorService timer,
            ServerThreads threads) {
        this.channel = channel;
        this.handler = handler;
        this.codec = codec;
        this.allowedUser = allowedUser;
        this.shuttingDown = shuttingDown;
        this.settings = settings;
        this.timer = timer;
        this.threads = threads;
        this.outbox = new Outbox(channel, codec, settings, timer, threads);
    }

    void start() {
        lock.lock();
        try {
            armIdleDeadline();
        } finally {
            lock.unlock();
        }
        outbox.start();
        threads.start("control-reader", this::read);
    }

    CompletableFuture<Void> done() {
        return outbox.done();
    }

    /**
     * The server is closing. An idle connection is told at once (that line answers a request the client may be
     * sending right now); a busy one ends after its answer; a stream ends with a final line.
     */
    void shutdown() {
        ControlResponse.Error closing = shuttingDownError();
        lock.lock();
        try {
            State was = state;
            state = State.CLOSING;
            cancelIdleDeadline();
            switch (was) {
                case IDLE, STREAMING -> outbox.finish(closing);
                case BUSY, CLOSING -> {}
            }
        } finally {
            lock.unlock();
        }
    }

    /** Last resort when the client does not drain in time. */
    void forceClose() {
        outbox.closeChannel();
    }

    static ControlResponse.Error shuttingDownError() {
        return new ControlResponse.Error(ControlResponse.Error.SHUTTING_DOWN, "the coordinator is shutting down");
    }

    private void read() {
        boolean stream = false;
        try {
            if (!peerAllowed()) {
                return;
            }
            LineReader lines = new LineReader(channel, settings.maxRequestBytes());
            while (true) {
                LineReader.Next next = lines.next();
                if (next instanceof LineReader.TooLong) {
                    end(new ControlResponse.Error(
                            ControlResponse.Error.BAD_REQUEST,
                            "request line longer than " + settings.maxRequestBytes() + " bytes; closing the"
                                    + " connection"));
                    stream = false; // a stream too gets this last line rather than being abandoned
                    return;
                }
                if (stream) {
                    // a stream takes no more requests; reading goes on only to notice the client leave
                    if (next instanceof LineReader.End) {
                        return;
                    }
                    continue;
                }
                Decoded<ControlRequest> decoded;
                switch (next) {
                    case LineReader.End end -> {
                        return;
                    }
                    case LineReader.Line line -> decoded = codec.decodeRequest(line.text());
                    case LineReader.TooLong tooLong -> throw new IllegalStateException("handled above");
                }
                if (!begin()) {
                    return; // closing: shutdown() has already answered
                }
                switch (decoded) {
                    case Decoded.Invalid<ControlRequest> invalid -> outbox.send(invalid.error());
                    case Decoded.Valid<ControlRequest>(ControlRequest.Subscribe subscribe) -> stream = startStream();
                    case Decoded.Valid<ControlRequest>(ControlRequest.Call<?> call) -> outbox.send(answer(call));
                }
                if (!stream && !requestDone()) {
                    return;
                }
            }
        } catch (IOException e) {
            // closed under us or broken: nobody left to answer
        } finally {
            inputEnded(stream);
        }
    }

    private boolean peerAllowed() throws IOException {
        // Linux and macOS report the peer's uid; elsewhere the 0700 directory is the only guard.
        if (!channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
            return true;
        }
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (peer.user().equals(allowedUser)) {
            return true;
        }
        lock.lock();
        try {
            state = State.CLOSING;
            cancelIdleDeadline();
        } finally {
            lock.unlock();
        }
        outbox.finish(new ControlResponse.Error(
                ControlResponse.Error.NOT_ALLOWED,
                "this coordinator belongs to " + allowedUser.getName() + "; connections from "
                        + peer.user().getName() + " are refused"));
        return false;
    }

    private boolean begin() {
        lock.lock();
        try {
            if (state == State.CLOSING) {
                return false;
            }
            state = State.BUSY;
            cancelIdleDeadline();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the connection with a last line, whatever it was doing. */
    private void end(ControlResponse.Error last) {
        lock.lock();
        try {
            state = State.CLOSING;
            cancelIdleDeadline();
        } finally {
            lock.unlock();
        }
        outbox.finish(last);
    }

    /** Caller holds the lock; the connection has just become IDLE. */
    private void armIdleDeadline() {
        cancelIdleDeadline();
        try {
            idleDeadline = timer.schedule(
                    this::idleDeadlinePassed, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException serverClosed) {
            // the server is closing and ends this connection itself
        }
    }

    /** Caller holds the lock. */
    private void cancelIdleDeadline() {
        if (idleDeadline != null) {
            idleDeadline.cancel(false);
            idleDeadline = null;
        }
    }

    private void idleDeadlinePassed() {
        lock.lock();
        try {
            if (state != State.IDLE) {
                return; // a request came in time
            }
            state = State.CLOSING;
            idleDeadline = null;
        } finally {
            lock.unlock();
        }
        outbox.finish(new ControlResponse.Error(
                ControlResponse.Error.IDLE_TIMEOUT,
                "no request within " + ControlServer.Settings.readable(settings.idleTimeout())
                        + "; closing the connection"));
    }

    /** Back to idle; false when the server closed meanwhile, and the queued answer is the connection's last line. */
    private boolean requestDone() {
        lock.lock();
        try {
            if (state == State.CLOSING) {
                outbox.finish(null);
                return false;
            }
            state = State.IDLE;
            armIdleDeadline();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean startStream() {
        lock.lock();
        try {
            if (state == State.CLOSING) {
                outbox.finish(shuttingDownError());
                return true;
            }
            state = State.STREAMING;
        } finally {
            lock.unlock();
        }
        Sink sink = new Sink();
        try {
            handler.subscribe(sink);
        } catch (RuntimeException e) {
            sink.fail(internal(e));
        }
        return true;
    }

    /** Exactly one answer: the handler's, an error for its failure, or shutting_down once the grace is over. */
    private ControlResponse answer(ControlRequest.Call<?> request) {
        CompletionStage<ControlResponse> pending;
        try {
            pending = handler.handle(request);
        } catch (RuntimeException e) {
            return internal(e);
        }
        if (pending == null) {
            return new ControlResponse.Error(ControlResponse.Error.INTERNAL, "the handler returned no answer");
        }
        CompletableFuture<ControlResponse> answered = pending.handle((response, failure) -> failure != null
                        ? fromFailure(failure)
                        : response != null
                                ? matching(request, response)
                                : new ControlResponse.Error(
                                        ControlResponse.Error.INTERNAL, "the handler answered null"))
                .toCompletableFuture();
        return answered.applyToEither(shuttingDown, response -> response).join();
    }

    /** A client reads the body as the reply its request names; anything else would be unreadable there. */
    private static ControlResponse matching(ControlRequest.Call<?> request, ControlResponse response) {
        if (response instanceof ControlResponse.Ok ok && !request.replyType().isInstance(ok.body())) {
            return new ControlResponse.Error(
                    ControlResponse.Error.INTERNAL,
                    "the handler answered " + ok.body().getClass().getSimpleName() + " to "
                            + request.getClass().getSimpleName());
        }
        return response;
    }

    private static ControlResponse fromFailure(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ControlErrorException error ? error.error() : internal(cause);
    }

    private static ControlResponse.Error internal(Throwable e) {
        String message = e.getMessage();
        return new ControlResponse.Error(
                ControlResponse.Error.INTERNAL,
                message == null || message.isBlank() ? e.getClass().getName() : message);
    }

    private void inputEnded(boolean stream) {
        lock.lock();
        try {
            state = State.CLOSING;
            cancelIdleDeadline();
        } finally {
            lock.unlock();
        }
        if (stream) {
            outbox.abandon(); // the client hung up: events are no longer wanted
        } else {
            outbox.finish(null); // write the answers already queued, then close
        }
    }

    private final class Sink implements EventSink {
        @Override
        public boolean push(TeamEvent event) {
            return event != null && outbox.push(new ServerLine.Event(event));
        }

        @Override
        public void close() {
            outbox.finish(null);
        }

        @Override
        public void fail(ControlResponse.Error error) {
            outbox.finish(error);
        }

        @Override
        public CompletionStage<Void> closed() {
            return outbox.done().minimalCompletionStage();
        }
    }
}
