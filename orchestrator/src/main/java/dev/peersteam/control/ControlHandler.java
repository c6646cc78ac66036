package dev.peersteam.control;

import java.util.concurrent.CompletionStage;

/**
 * What the coordinator implements to serve the control socket. Both methods are called on connection threads
 * (virtual, several at once), so an implementation hands the request to its event loop and returns at once.
 */
public interface ControlHandler {

    /**
     * Answers a one-shot request ({@code !request.streams()}). A failed future becomes {@code internal}, or the
     * carried error when it fails with {@link ControlErrorException}; a future still pending when the server closes
     * is answered {@code shutting_down} after the grace.
     */
    CompletionStage<ControlResponse> handle(ControlRequest request);

    /**
     * Starts a stream ({@link ControlRequest.Subscribe} or {@link ControlRequest.Logs} with follow). Keep the sink
     * and push to it; it never blocks. To refuse (say an unknown role), call {@link EventSink#fail}. Pushing a first
     * snapshot event tells the client that the subscription is live.
     */
    void subscribe(ControlRequest request, EventSink sink);
}
