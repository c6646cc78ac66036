package dev.peersteam.control;

import java.util.concurrent.CompletionStage;

/**
 * The server side of one stream. Thread safe, and no method blocks: events go through a bounded queue that the
 * connection's writer drains, and a client that falls behind by a whole queue is dropped ({@code slow_consumer}).
 */
public interface EventSink {

    /**
     * Queues an event. Returns false once the stream has ended: the client left, was dropped as too slow, or the
     * stream was closed; then the caller should forget this sink. The event is encoded at once.
     */
    boolean push(TeamEvent event);

    /** Ends the stream: events already queued are still written (within a short grace), then the connection closes. */
    void close();

    /** Ends the stream with a final error line, e.g. {@code unknown_role} for {@code logs nobody -f}. */
    void fail(ControlResponse.Error error);

    /** Completes when the stream has ended and the connection is closed, whichever side ended it. */
    CompletionStage<Void> closed();
}
