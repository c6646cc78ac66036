package dev.peersteam.bench;

import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.LifecycleState;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.SessionEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link AgentChannel} with no process behind it that answers like an infinitely fast CLI: {@code initialize}
 * succeeds at once, and every user message is acknowledged with {@code command_lifecycle started} at once (no turn,
 * no model). What the coordinator hands to it is reported to a {@link Listener} on the coordinator's loop thread,
 * the moment {@code send} is called: that is the end of the relay path measured in-process.
 */
final class InstantCli implements AgentChannel {
    /** Called on the loop thread from {@link #send}. Must not block. */
    interface Listener {
        /** A user message was handed to this channel (it would now be queued for the target's stdin). */
        void delivered(String role, HostMessage.UserMessage message, long nanoTime);

        /** An answer to one of this role's control requests (e.g. the result of its send_message call). */
        default void answered(String role, String requestId, long nanoTime) {}
    }

    private final String role;
    private final Consumer<SessionEvent> events;
    private final Listener listener;
    private final long pid;
    private volatile boolean closed;

    InstantCli(String role, Consumer<SessionEvent> events, Listener listener, long pid) {
        this.role = role;
        this.events = events;
        this.listener = listener;
        this.pid = pid;
    }

    @Override
    public void send(HostMessage message) {
        long now = System.nanoTime();
        switch (message) {
            case HostMessage.UserMessage user -> {
                listener.delivered(role, user, now);
                events.accept(new SessionEvent.Received(
                        role, new CliMessage.Lifecycle("s-" + role, user.uuid(), LifecycleState.STARTED, "started")));
            }
            case HostMessage.ControlRequest request
            when request.request() instanceof HostRequest.Initialize ->
                events.accept(new SessionEvent.Received(
                        role, new CliMessage.ControlResponse(request.requestId(), true, Json.object(), null, null)));
            case HostMessage.ControlRequest request ->
                events.accept(new SessionEvent.Received(
                        role, new CliMessage.ControlResponse(request.requestId(), true, Json.object(), null, null)));
            case HostMessage.ControlAnswer answer -> listener.answered(role, answer.requestId(), now);
        }
    }

    @Override
    public void closeInput() {
        if (!closed) {
            closed = true;
            events.accept(new SessionEvent.Exited(role, 0, List.of()));
        }
    }

    @Override
    public void terminate() {
        closeInput();
    }

    @Override
    public void kill() {
        closeInput();
    }

    @Override
    public long pid() {
        return pid;
    }
}
