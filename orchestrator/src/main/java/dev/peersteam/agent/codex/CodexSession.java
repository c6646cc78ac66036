package dev.peersteam.agent.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.session.AgentChannel;
import dev.peersteam.session.LaunchSpec;
import dev.peersteam.session.SessionEvent;
import dev.peersteam.session.TrafficLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One {@code codex app-server} child process: the I/O edge of a Codex session. Like {@code AgentProcess}, a platform
 * reader thread turns stdout lines into JSON-RPC messages for the {@link CodexBridge}, which posts the coordinator's
 * typed frames; a virtual writer thread drains a queue into stdin; stderr goes straight to a file. The raw JSON-RPC
 * traffic, both ways, is the role's traffic log.
 */
final class CodexSession implements AgentChannel {
    private static final String END_OF_INPUT = "\u0000end-of-input";
    private static final int STDERR_TAIL_LINES = 20;
    private static final int STDERR_TAIL_BYTES = 16 * 1024;

    private final String role;
    private final Process process;
    private final TrafficLog traffic;
    private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final Path stderrLog;
    private final long stderrStart;
    private CodexBridge bridge;

    private CodexSession(String role, Process process, TrafficLog traffic, Path stderrLog, long stderrStart) {
        this.role = role;
        this.process = process;
        this.traffic = traffic;
        this.stderrLog = stderrLog;
        this.stderrStart = stderrStart;
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
        Files.createDirectories(spec.stderrLog().getParent());
        long stderrStart = Files.exists(spec.stderrLog()) ? Files.size(spec.stderrLog()) : 0;
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.stderrLog().toFile()));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Process process = builder.start();
        CodexSession session = new CodexSession(spec.role(), process, traffic, spec.stderrLog(), stderrStart);
        session.bridge = new CodexBridge(
                sessionId,
                resume,
                settings,
                book,
                session::write,
                message -> events.accept(new SessionEvent.Received(spec.role(), message)),
                session::closeInput);
        Thread.ofVirtual().name("writer-" + spec.role()).start(session::writeLoop);
        Thread.ofPlatform()
                .name("reader-" + spec.role())
                .daemon(true)
                .stackSize(256 * 1024)
                .start(() -> session.readLoop(events));
        return session;
    }

    @Override
    public void send(HostMessage message) {
        bridge.fromHost(message);
    }

    @Override
    public void closeInput() {
        outgoing.add(END_OF_INPUT);
    }

    @Override
    public void terminate() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    @Override
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    private void write(RpcMessage message) {
        try {
            outgoing.add(Json.MAPPER.writeValueAsString(RpcMessage.encode(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private void writeLoop() {
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                String line = outgoing.take();
                if (line == END_OF_INPUT) {
                    return; // closing stdin ends the app server (it exits 0 at once)
                }
                traffic.json(TrafficLog.TO_AGENT, line);
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (outgoing.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            // the process is gone; the reader reports the exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop(Consumer<SessionEvent> events) {
        try (BufferedReader stdout =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    traffic.text(TrafficLog.FROM_AGENT, line);
                    events.accept(new SessionEvent.Garbled(role, line, e.getOriginalMessage()));
                    continue;
                }
                traffic.json(TrafficLog.FROM_AGENT, line);
                if (node == null || !node.isObject()) {
                    events.accept(new SessionEvent.Garbled(role, line, "not a JSON-RPC object"));
                    continue;
                }
                try {
                    bridge.fromCodex(RpcMessage.decode(node));
                } catch (RuntimeException e) {
                    events.accept(new SessionEvent.Garbled(role, line, "cannot be translated: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            // stdout broke: the end of the stream
        }
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = -1;
        }
        outgoing.add(END_OF_INPUT);
        events.accept(new SessionEvent.Exited(role, exitCode, stderrTail()));
    }

    private List<String> stderrTail() {
        try (SeekableByteChannel file = Files.newByteChannel(stderrLog)) {
            long from = Math.max(stderrStart, file.size() - STDERR_TAIL_BYTES);
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, file.size() - from));
            file.position(from);
            while (bytes.hasRemaining() && file.read(bytes) >= 0) {}
            List<String> lines = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return List.copyOf(lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return List.of("(the stderr log " + stderrLog + " cannot be read: " + e.getMessage() + ")");
        }
    }
}
