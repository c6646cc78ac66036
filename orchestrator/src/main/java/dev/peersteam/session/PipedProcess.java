package dev.peersteam.session;

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
 * An agent's child process with its stdin and stdout as lines: the plumbing every kind of agent shares (Claude Code's
 * stream-json in {@link AgentProcess}, Codex's JSON-RPC in its own package); what a line means is the caller's.
 *
 * <p>Two threads, neither of which ever waits on the coordinator. A reader hands each stdout line to the caller and
 * posts {@link SessionEvent.Exited} last; it is a platform thread with a small stack, because it spends its life
 * blocked in a pipe read, which would hold a carrier under a virtual thread, and hundreds of sessions would starve
 * the carrier pool. A writer drains a queue into stdin (so a slow agent cannot block the coordinator's loop); it is a
 * virtual thread, since it waits on the queue and a pipe write seldom blocks. stderr goes straight to a file: no
 * thread, no buffer of ours, and nothing the agent writes there can stall it. What a session costs the coordinator
 * is what bounds the team's size (200 sessions in 300 MB).
 */
public final class PipedProcess {
    private static final int STDERR_TAIL_LINES = 20;
    /** The most of the stderr file read back for the exit's tail: its end is what explains an exit. */
    private static final int STDERR_TAIL_BYTES = 16 * 1024;

    private static final String END_OF_INPUT = "\u0000end-of-input";
    /** Enough for line reading and JSON decoding; the default (1 MB reserved) adds up over hundreds of sessions. */
    private static final long READER_STACK = 256 * 1024;

    private final String role;
    private final Process process;
    private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final TrafficLog traffic;
    private final Path stderrLog;
    /** Where this process's stderr starts in the file (earlier runs of the role append to the same file). */
    private final long stderrStart;

    private PipedProcess(String role, Process process, TrafficLog traffic, Path stderrLog, long stderrStart) {
        this.role = role;
        this.process = process;
        this.traffic = traffic;
        this.stderrLog = stderrLog;
        this.stderrStart = stderrStart;
    }

    /**
     * Starts the process through {@code launcher} (here, or on another machine). Lines {@link #write}n before
     * {@link #pump} wait in its queue.
     */
    public static PipedProcess launch(ProcessLauncher launcher, LaunchSpec spec, TrafficLog traffic)
            throws IOException {
        Files.createDirectories(spec.stderrLog().getParent());
        long stderrStart = Files.exists(spec.stderrLog()) ? Files.size(spec.stderrLog()) : 0;
        return new PipedProcess(spec.role(), launcher.start(spec), traffic, spec.stderrLog(), stderrStart);
    }

    /**
     * Starts the two threads: {@code lines} gets each stdout line on the reader thread (logging it to the traffic log
     * is its business, as only it knows whether the line is JSON), and {@code events} the exit, last.
     */
    public void pump(Consumer<String> lines, Consumer<SessionEvent> events) {
        Thread.ofVirtual().name("writer-" + role).start(this::writeLoop);
        Thread.ofPlatform()
                .name("reader-" + role)
                .daemon(true)
                .stackSize(READER_STACK)
                .start(() -> readLoop(lines, events));
    }

    /** Queues a line for stdin; it is logged to the traffic log as it is written. */
    public void write(String line) {
        outgoing.add(line);
    }

    public void closeInput() {
        outgoing.add(END_OF_INPUT);
    }

    public void terminate() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    public long pid() {
        return process.pid();
    }

    private void writeLoop() {
        // The process's stdin is already buffered (8 KB): no writer or encoder of ours on top, one less buffer each.
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                String line = outgoing.take();
                if (line == END_OF_INPUT) {
                    return;
                }
                traffic.json(TrafficLog.TO_AGENT, line);
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
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

    private void readLoop(Consumer<String> lines, Consumer<SessionEvent> events) {
        // The default buffer: a long line grows its own builder, and a large buffer per session adds up (200 x 128 KB).
        try (BufferedReader stdout =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // stdout broke: treated as the end of the stream; the exit code below says what happened
        }
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = -1;
        }
        outgoing.add(END_OF_INPUT); // lets the writer thread end if nobody closed the input
        events.accept(new SessionEvent.Exited(role, exitCode, stderrTail()));
    }

    /** The last lines this process wrote to stderr, read back from its file once it has exited. */
    private List<String> stderrTail() {
        try (SeekableByteChannel file = Files.newByteChannel(stderrLog)) {
            long from = Math.max(stderrStart, file.size() - STDERR_TAIL_BYTES);
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, file.size() - from));
            file.position(from);
            while (bytes.hasRemaining() && file.read(bytes) >= 0) {}
            List<String> lines = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (from > stderrStart && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first line was cut by where we started reading
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return List.of("(the stderr log " + stderrLog + " cannot be read: " + e.getMessage() + ")");
        }
    }
}
