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
    public CompletionStage<ControlResponse> handle(ControlRequest request) {
        return coordinator.control(request);
    }

    @Override
    public void subscribe(ControlRequest request, EventSink sink) {
        if (request instanceof ControlRequest.Subscribe) {
            coordinator.subscribe(sink);
        } else {
            sink.fail(new ControlResponse.Error(
                    ControlResponse.Error.UNKNOWN_REQUEST,
                    "only 'subscribe' streams; logs are read from .peers/logs (peers-team logs ROLE -f)"));
        }
    }
}
