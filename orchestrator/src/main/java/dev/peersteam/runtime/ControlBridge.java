package dev.peersteam.runtime;

import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.EventSink;
import dev.peersteam.coordinator.Coordinator;
import dev.peersteam.coordinator.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hands control-socket requests to the coordinator's loop as events; never touches its state itself. */
final class ControlBridge implements ControlHandler {
    private final Coordinator coordinator;

    ControlBridge(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletionStage<ControlResponse> handle(ControlRequest request) {
        CompletableFuture<ControlResponse> reply = new CompletableFuture<>();
        coordinator.post(new Event.Control(request, reply));
        return reply;
    }

    @Override
    public void subscribe(ControlRequest request, EventSink sink) {
        if (request instanceof ControlRequest.Subscribe) {
            coordinator.post(new Event.Subscribe(sink));
        } else {
            sink.fail(new ControlResponse.Error(
                    ControlResponse.Error.UNKNOWN_REQUEST,
                    "only 'subscribe' streams; logs are read from .peers/logs (peers-team logs ROLE -f)"));
        }
    }
}
