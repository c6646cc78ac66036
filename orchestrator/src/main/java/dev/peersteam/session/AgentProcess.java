package dev.peersteam.session;

import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.ProtocolException;
import dev.peersteam.protocol.StreamJsonCodec;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One agent child process speaking stream-json on its stdin/stdout: the I/O edge of a Claude Code session. The
 * process and its threads are a {@link PipedProcess}; this adds the meaning of the lines, both ways.
 */
public final class AgentProcess implements AgentChannel {
    private final String role;
    private final StreamJsonCodec codec = new StreamJsonCodec();
    private final TrafficLog traffic;
    private final PipedProcess pipe;

    private AgentProcess(String role, TrafficLog traffic, PipedProcess pipe) {
        this.role = role;
        this.traffic = traffic;
        this.pipe = pipe;
    }

    /** Starts the process on this machine, and its threads. {@code events} is called from the reader thread. */
    public static AgentProcess start(LaunchSpec spec, TrafficLog traffic, Consumer<SessionEvent> events)
            throws IOException {
        return start(new LocalLauncher(), spec, traffic, events);
    }

    /**
     * Starts the process through {@code launcher} (here, or on another machine), and its threads. {@code events} is
     * called from the reader thread.
     */
    public static AgentProcess start(
            ProcessLauncher launcher, LaunchSpec spec, TrafficLog traffic, Consumer<SessionEvent> events)
            throws IOException {
        AgentProcess agent = new AgentProcess(spec.role(), traffic, PipedProcess.launch(launcher, spec, traffic));
        agent.pipe.pump(line -> agent.handleLine(line, events), events);
        return agent;
    }

    @Override
    public void send(HostMessage message) {
        pipe.write(codec.encode(message));
    }

    @Override
    public void closeInput() {
        pipe.closeInput();
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

    private void handleLine(String line, Consumer<SessionEvent> events) {
        Optional<CliMessage> message;
        try {
            message = codec.decode(line);
        } catch (ProtocolException e) {
            traffic.text(TrafficLog.FROM_AGENT, line);
            events.accept(new SessionEvent.Garbled(role, line, e.getMessage()));
            return;
        }
        if (message.isEmpty()) {
            if (!line.isBlank()) {
                traffic.text(TrafficLog.FROM_AGENT, line);
            }
            return;
        }
        traffic.json(TrafficLog.FROM_AGENT, line);
        events.accept(new SessionEvent.Received(role, message.get()));
    }
}
