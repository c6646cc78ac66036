package dev.peersteam.coordinator;

import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.EventSink;
import dev.peersteam.session.SessionEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the coordinator's loop reacts to. Posted from any thread; handled on the loop thread only. Internal: the
 * world outside reaches the loop through {@link Coordinator}'s methods (stop, control, subscribe) and the session
 * callbacks, never by posting these.
 */
sealed interface Event {
    /** Something a session's process said or did; {@code launch} tells which of the role's processes. */
    record FromSession(SessionEvent event, long launch) implements Event {}

    /** Stop the team (Ctrl-C, SIGTERM, {@code down}). */
    record StopRequested(String reason) implements Event {}

    /** A step of the stop sequence is due: escalate for sessions that have not exited yet. */
    record StopDeadline(StopStage stage) implements Event {}

    /** The back-off after a crash has passed: start the role's session again. */
    record Restart(String role) implements Event {}

    /** A sender has waited long enough for its target's CLI to acknowledge a message. */
    record AckDeadline(String requestKey) implements Event {}

    /** A request from a person through the control socket; {@code reply} completes after the batch is durable. */
    record Control(ControlRequest.Call<?> request, CompletableFuture<ControlResponse> reply) implements Event {}

    /** A client wants the live stream of team events. */
    record Subscribe(EventSink sink) implements Event {}

    /** Work done off the loop (git) has finished; {@code onLoop} applies its result. */
    record Completed(String what, Runnable onLoop) implements Event {}

    enum StopStage {
        TERMINATE,
        KILL,
        GIVE_UP
    }
}
