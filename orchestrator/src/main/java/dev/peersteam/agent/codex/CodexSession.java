package dev.peersteam.agent.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.LaunchSpec;
import dev.peersteam.session.LocalLauncher;
import dev.peersteam.session.PipedProcess;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.TrafficLog;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One {@code codex app-server} child process: the I/O edge of a Codex session. The process and its threads are a
 * {@link PipedProcess}, as for Claude Code roles; this turns stdout lines into JSON-RPC messages for the
 * {@link CodexBridge}, which posts the coordinator's typed frames. The raw JSON-RPC traffic, both ways, is the role's
 * traffic log.
 */
final class CodexSession implements AgentChannel {
    private final String role;
    private final TrafficLog traffic;
    private final PipedProcess pipe;
    private CodexBridge bridge;

    private CodexSession(String role, TrafficLog traffic, PipedProcess pipe) {
        this.role = role;
        this.traffic = traffic;
        this.pipe = pipe;
    }

    static CodexSession start(
            LaunchSpec spec,
            TrafficLog traffic,
            String sessionId,
            boolean resume,
            CodexThreadSettings settings,
            CodexBridge.ThreadBook book,
            Consumer<SessionEvent> events)
            throws IOException {
        CodexSession session =
                new CodexSession(spec.role(), traffic, PipedProcess.launch(new LocalLauncher(), spec, traffic));
        // The bridge first: what it writes waits in the queue, and no line of codex's can come before it is there.
        session.bridge = new CodexBridge(
                sessionId,
                resume,
                settings,
                book,
                session::write,
                message -> events.accept(new SessionEvent.Received(spec.role(), message)),
                session.pipe::closeInput);
        session.pipe.pump(line -> session.fromCodex(line, events), events);
        return session;
    }

    @Override
    public void send(HostMessage message) {
        bridge.fromHost(message);
    }

    @Override
    public void closeInput() {
        pipe.closeInput(); // closing stdin ends the app server (it exits 0 at once)
    }

    @Override
    public void terminate() {
        pipe.terminate();
    }

    @Override
    public void kill() {
        pipe.kill();
    }

    @Override
    public long pid() {
        return pipe.pid();
    }

    private void write(RpcMessage message) {
        try {
            pipe.write(Json.MAPPER.writeValueAsString(RpcMessage.encode(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private void fromCodex(String line, Consumer<SessionEvent> events) {
        if (line.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            traffic.text(TrafficLog.FROM_AGENT, line);
            events.accept(new SessionEvent.Garbled(role, line, e.getOriginalMessage()));
            return;
        }
        traffic.json(TrafficLog.FROM_AGENT, line);
        if (node == null || !node.isObject()) {
            events.accept(new SessionEvent.Garbled(role, line, "not a JSON-RPC object"));
            return;
        }
        try {
            bridge.fromCodex(RpcMessage.decode(node));
        } catch (RuntimeException e) {
            events.accept(new SessionEvent.Garbled(role, line, "cannot be translated: " + e.getMessage()));
        }
    }
}
