package dev.peersteam.control;

import java.util.concurrent.CompletionStage;

/**
 * What the coordinator implements to serve the control socket. Both methods are called on connection threads
 * (virtual, several at once), so an implementation hands the request to its event loop and returns at once.
 */
public interface ControlHandler {

    /**
     * Answers a request: an {@code ok} whose body is the request's {@link ControlRequest.Call#replyType()} (another
     * body is answered {@code internal}), or an error. A failed future becomes {@code internal}, or the carried
     * error when it fails with {@link ControlErrorException}; a future still pending when the server closes is
     * answered {@code shutting_down} after the grace.
     */
    CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request);

    /**
     * Starts a stream of team events ({@link ControlRequest.Subscribe}). Keep the sink and push to it; it never
     * blocks. To refuse, call {@link EventSink#fail}. Pushing a first event tells the client that the subscription
     * is live.
     */
    void subscribe(EventSink sink);
}
