package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
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

    /** A prompt's text with the message id left out of its header: {@code [from bob · ID] hi} reads {@code [from bob] hi}. */
    public static String unframed(String prompt) {
        return prompt.replaceFirst("^\\[from ([^\\]\\s]+) · [^\\]]+]", "[from $1]");
    }

    /** {@link #unframed} for every header in a text (a model's request holds many messages). */
    public static String unframedAll(String text) {
        return text.replaceAll("\\[from ([^\\]\\s]+) · [0-9a-zA-Z-]+]", "[from $1]");
    }

    /** The answers (success or error) written for one CLI request id. */
    public synchronized List<HostMessage> answersTo(String requestId) {
        return sent.stream()
                .filter(m -> m instanceof HostMessage.ControlAnswer a && requestId.equals(a.requestId()))
                .toList();
    }

    /**
     * The {@code response} body of the single answer to {@code requestId}, as the CLI reads it on the wire (for an
     * error: the whole {@code response}, with its {@code error}).
     */
    public synchronized JsonNode answerBody(String requestId) {
        List<HostMessage> answers = answersTo(requestId);
        if (answers.size() != 1) {
            throw new AssertionError("expected one answer to " + requestId + ", got " + answers);
        }
        try {
            JsonNode wire = Json.MAPPER.readTree(new StreamJsonCodec().encode(answers.getFirst()));
            JsonNode response = wire.path("response");
            return response.path("subtype").asText().equals("error") ? response : response.path("response");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
