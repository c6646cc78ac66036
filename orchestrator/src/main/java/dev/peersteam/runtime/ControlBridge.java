package dev.peersteam.runtime;

import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.EventSink;
import dev.peersteam.control.VerbRunner;
import dev.peersteam.coordinator.Coordinator;
import java.util.concurrent.CompletionStage;

/**
 * Hands control-socket requests to the coordinator's loop; never touches its state itself. A quick verb's command
 * line ({@link ControlRequest.Verb}) runs on a virtual thread of its own instead, never the loop: the verb asks the
 * team through the socket like any client.
 */
final class ControlBridge implements ControlHandler {
    private final Coordinator coordinator;
    private final VerbRunner verbs;

    /** @param verbs runs quick verbs' command lines; null: they go to the loop, which says it does not run them */
    ControlBridge(Coordinator coordinator, VerbRunner verbs) {
        this.coordinator = coordinator;
        this.verbs = verbs;
    }

    @Override
    public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
        if (request instanceof ControlRequest.Verb verb && verbs != null) {
            return verbs.answer(verb);
        }
        return coordinator.control(request);
    }

    @Override
    public void subscribe(EventSink sink) {
        coordinator.subscribe(sink);
    }
}
