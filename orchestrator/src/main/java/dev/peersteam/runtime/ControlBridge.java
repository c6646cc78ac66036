package dev.peersteam.runtime;

import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.EventSink;
import dev.peersteam.coordinator.Coordinator;
import java.util.concurrent.CompletionStage;

/** Hands control-socket requests to the coordinator's loop; never touches its state itself. */
final class ControlBridge implements ControlHandler {
    private final Coordinator coordinator;

    ControlBridge(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
        return coordinator.control(request);
    }

    @Override
    public void subscribe(EventSink sink) {
        coordinator.subscribe(sink);
    }
}
