package dev.peersteam.session;

import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.ProtocolException;
import dev.peersteam.protocol.StreamJsonCodec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One agent child process speaking stream-json on its stdin/stdout: the I/O edge of a session.
 *
 * <p>Three threads, none of which ever waits on the coordinator: a writer that drains a queue into stdin (so a slow
 * agent cannot block the coordinator's loop), a reader that turns stdout lines into {@link SessionEvent}s, and a
 * drain for stderr (an undrained pipe would stall the CLI). The reader posts {@link SessionEvent.Exited} last, after
 * both output streams have ended. They are platform threads with small stacks, not virtual threads: a read from a
 * pipe blocks the carrier under a virtual thread, and hundreds of sessions would starve the carrier pool.
 */
public final class AgentProcess implements AgentChannel {
    private static final int STDERR_TAIL_LINES = 20;
    private static final String END_OF_INPUT = "\u0000end-of-input";
    /** Enough for line reading and JSON decoding; the default (1 MB reserved) adds up over hundreds of sessions. */
    private static final long PIPE_THREAD_STACK = 256 * 1024;

    private final String role;
    private final Process process;
    private final StreamJsonCodec codec = new StreamJsonCodec();
    private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final TrafficLog traffic;
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private AgentProcess(String role, Process process, TrafficLog traffic) {
        this.role = role;
        this.process = process;
        this.traffic = traffic;
    }

    /** Starts the process and its threads. {@code events} is called from the reader thread. */
    public static AgentProcess start(LaunchSpec spec, TrafficLog traffic, Consumer<SessionEvent> events)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Process process = builder.start();
        AgentProcess agent = new AgentProcess(spec.role(), process, traffic);
        Thread stderr = pipeThread("stderr-" + spec.role()).start(agent::drainStderr);
        pipeThread("writer-" + spec.role()).start(agent::writeLoop);
        pipeThread("reader-" + spec.role()).start(() -> agent.readLoop(events, stderr));
        return agent;
    }

    private static Thread.Builder pipeThread(String name) {
        return Thread.ofPlatform().name(name).daemon(true).stackSize(PIPE_THREAD_STACK);
    }

    @Override
    public void send(HostMessage message) {
        outgoing.add(codec.encode(message));
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

    private void writeLoop() {
        try (BufferedWriter stdin =
                new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
            while (true) {
                String line = outgoing.take();
                if (line == END_OF_INPUT) {
                    return;
                }
                traffic.json(TrafficLog.TO_AGENT, line);
                stdin.write(line);
                stdin.write('\n');
                // Flush only when nothing else is waiting: a burst becomes one write, a single line goes at once.
                if (outgoing.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            // EPIPE: the process is gone. The reader reports the exit; what was not written is re-sent on restart.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop(Consumer<SessionEvent> events, Thread stderr) {
        try (BufferedReader stdout =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = stdout.readLine()) != null) {
                handleLine(line, events);
            }
        } catch (IOException e) {
            // stdout broke: treated as the end of the stream; the exit code below says what happened
        }
        int exitCode;
        try {
            stderr.join();
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = -1;
        }
        outgoing.add(END_OF_INPUT); // lets the writer thread end if nobody closed the input
        List<String> tail;
        synchronized (stderrTail) {
            tail = List.copyOf(stderrTail);
        }
        events.accept(new SessionEvent.Exited(role, exitCode, tail));
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

    private void drainStderr() {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
                traffic.text("stderr", line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
