package dev.peersteam.runtime;

import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.CoordinatorHere;
import dev.peersteam.control.EventSink;
import dev.peersteam.control.VerbRunner;
import dev.peersteam.coordinator.Coordinator;
import java.util.concurrent.CompletionStage;

/**
 * Hands control-socket requests to the coordinator's loop; never touches its state itself. A quick verb's command
 * line ({@link ControlRequest.Verb}) runs on a virtual thread of its own instead, never the loop: the verb asks the
 * team through this bridge, as a client would through the socket.
 */
final class ControlBridge implements ControlHandler {
    private final Coordinator coordinator;
    private final VerbRunner verbs;
    private final CoordinatorHere here;

    /** @param verbs runs quick verbs' command lines; null: they go to the loop, which says it does not run them */
    ControlBridge(Coordinator coordinator, VerbRunner verbs, PeersDir peers) {
        this.coordinator = coordinator;
        this.verbs = verbs;
        this.here = CoordinatorHere.of(peers.root(), this);
    }

    @Override
    public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
        if (request instanceof ControlRequest.Verb verb && verbs != null) {
            return verbs.answer(verb, here);
        }
        return coordinator.control(request);
    }

    @Override
    public void subscribe(EventSink sink) {
        coordinator.subscribe(sink);
    }
}
