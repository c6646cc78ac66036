package dev.peersteam.testing;

import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.ProtocolException;
import dev.peersteam.protocol.StreamJsonCodec;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An agent channel with no process behind it: it records what the host writes, and the test speaks for the CLI. */
public final class ScriptedChannel implements AgentChannel {
    private final String role;
    private final Consumer<SessionEvent> events;
    private final long pid;
    public final List<HostMessage> sent = new ArrayList<>();
    public boolean inputClosed;
    public boolean terminated;
    public boolean killed;

    public ScriptedChannel(String role, Consumer<SessionEvent> events, long pid) {
        this.role = role;
        this.events = events;
        this.pid = pid;
    }

    @Override
    public synchronized void send(HostMessage message) {
        sent.add(message);
    }

    @Override
    public void closeInput() {
        inputClosed = true;
    }

    @Override
    public void terminate() {
        terminated = true;
    }

    @Override
    public void kill() {
        killed = true;
    }

    @Override
    public long pid() {
        return pid;
    }

    /** The CLI says something (a stream-json line). */
    public void says(String jsonLine) {
        try {
            CliMessage message = new StreamJsonCodec().decode(jsonLine).orElseThrow();
            events.accept(new SessionEvent.Received(role, message));
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void says(CliMessage message) {
        events.accept(new SessionEvent.Received(role, message));
    }

    public void exits(int code) {
        events.accept(new SessionEvent.Exited(role, code, List.of()));
    }

    public synchronized <T extends HostMessage> List<T> sentOf(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The answers (success or error) written for one CLI request id. */
    public synchronized List<HostMessage> answersTo(String requestId) {
        return sent.stream()
                .filter(m -> switch (m) {
                    case HostMessage.ControlSuccess s -> requestId.equals(s.requestId());
                    case HostMessage.ControlError e -> requestId.equals(e.requestId());
                    default -> false;
                })
                .toList();
    }
}
