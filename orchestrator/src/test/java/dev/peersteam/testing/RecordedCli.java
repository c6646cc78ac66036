package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One real {@code claude} process of a recorded scenario: a minimal stream-json host that records every line it
 * writes ({@code >}) and reads ({@code <}), the host actions ({@code <<close stdin>>}, {@code <<SIGKILL>>},
 * {@code <<close pipes>>}) and the exit ({@code exit}, with the code; 137 after SIGKILL). Nothing is answered
 * automatically: the scenario answers control requests itself, so that it can leave them unanswered.
 */
final class RecordedCli implements AutoCloseable {
    private final Process process;
    private final Recording recording;
    private final OutputStream stdin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private boolean stdoutClosed;
    private int cursor;
    private int requests;

    private RecordedCli(Process process, Recording recording) {
        this.process = process;
        this.recording = recording;
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().name("cli-stdout").start(this::readStdout);
        Thread.ofPlatform().daemon().name("cli-stderr").start(this::readStderr);
        process.onExit().thenAccept(p -> recording.add("exit", IntNode.valueOf(p.exitValue())));
    }

    static RecordedCli start(ProcessBuilder pb, Recording recording) throws IOException {
        ArrayNode argv = Recording.JSON.createArrayNode();
        argv.add("claude");
        pb.command().subList(1, pb.command().size()).forEach(argv::add);
        recording.add("cmd", argv);
        return new RecordedCli(pb.start(), recording);
    }

    long pid() {
        return process.pid();
    }

    // ---- writing ----

    synchronized void send(JsonNode line) {
        recording.add(">", line);
        try {
            stdin.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            recording.note("write failed: " + e.getMessage());
        }
    }

    /** A user message; {@code uuid} may be null. */
    void user(String uuid, String text) {
        ObjectNode m = Recording.JSON.createObjectNode();
        m.put("type", "user");
        m.put("session_id", "");
        if (uuid != null) {
            m.put("uuid", uuid);
        }
        m.putObject("message").put("role", "user").put("content", text);
        m.putNull("parent_tool_use_id");
        send(m);
    }

    /** Sends a control request and returns its request id. */
    String control(ObjectNode request) {
        String id;
        synchronized (this) {
            id = "req_" + ++requests + "_rec";
        }
        ObjectNode m = Recording.JSON.createObjectNode();
        m.put("type", "control_request");
        m.put("request_id", id);
        m.set("request", request);
        send(m);
        return id;
    }

    ObjectNode request(String subtype) {
        return Recording.JSON.createObjectNode().put("subtype", subtype);
    }

    /** {@code initialize}, waiting for its answer; false when none came (the CLI ended first). */
    boolean initialize() {
        String id = control(request("initialize").putNull("hooks"));
        return pollFrame(f -> isResponseTo(f, id), Duration.ofSeconds(30)) != null;
    }

    /** Answers one of the CLI's control requests with success. */
    void answer(JsonNode controlRequest, JsonNode response) {
        ObjectNode m = Recording.JSON.createObjectNode();
        m.put("type", "control_response");
        ObjectNode body = m.putObject("response");
        body.put("subtype", "success");
        body.put("request_id", controlRequest.path("request_id").asText());
        body.set("response", response);
        send(m);
    }

    /** Allows a {@code can_use_tool} request with its original input. */
    void allow(JsonNode canUseTool) {
        ObjectNode response = Recording.JSON.createObjectNode().put("behavior", "allow");
        response.set("updatedInput", canUseTool.path("request").path("input"));
        answer(canUseTool, response);
    }

    synchronized void closeStdin() {
        recording.action("close stdin");
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** SIGKILL of the CLI (and of the commands its tools started), as a crash would do. */
    void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        recording.action("SIGKILL");
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** The host dies: its ends of stdin, stdout and stderr are closed; the CLI goes on alone. */
    void hostDies() {
        recording.action("close pipes");
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Waits for the exit; SIGKILLs the CLI when it has not exited within {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                recording.note("no exit within " + timeout.toSeconds() + " s: killing it");
                kill();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Thread.sleep(50); // lets the onExit line land before what the scenario records next
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    // ---- reading ----

    /**
     * The first frame from the cursor on that matches, waiting up to {@code timeout}; the cursor moves past it.
     * Throws when none comes (or stdout ends first).
     */
    JsonNode awaitFrame(Predicate<JsonNode> match, Duration timeout) {
        JsonNode found = pollFrame(match, timeout);
        if (found == null) {
            throw new IllegalStateException("no matching frame within " + timeout + "; stderr: " + stderr());
        }
        return found;
    }

    /** Like {@link #awaitFrame} but returns null on timeout or end of stdout. */
    JsonNode pollFrame(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int i = cursor; i < frames.size(); i++) {
                    if (match.test(frames.get(i))) {
                        cursor = i + 1;
                        return frames.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || stdoutClosed) {
                    return null;
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no frame has arrived for {@code quiet} (at most {@code max}). */
    void settle(Duration quiet, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            int seen = frames.size();
            while (System.nanoTime() < end && !stdoutClosed) {
                arrived.awaitNanos(Math.min(quiet.toNanos(), end - System.nanoTime()));
                if (frames.size() == seen) {
                    return;
                }
                seen = frames.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    JsonNode awaitLifecycle(String uuid, String state, Duration timeout) {
        return awaitFrame(f -> isLifecycle(f, uuid, state), timeout);
    }

    /** The next terminal lifecycle frame (anything but queued/started) of {@code uuid}, or null. */
    JsonNode pollTerminal(String uuid, Duration timeout) {
        return pollFrame(
                f -> f.path("type").asText().equals("command_lifecycle")
                        && f.path("command_uuid").asText().equals(uuid)
                        && !f.path("state").asText().equals("queued")
                        && !f.path("state").asText().equals("started"),
                timeout);
    }

    JsonNode awaitResult(Duration timeout) {
        return awaitFrame(f -> f.path("type").asText().equals("result"), timeout);
    }

    JsonNode awaitControlRequest(String subtype, Duration timeout) {
        return awaitFrame(
                f -> f.path("type").asText().equals("control_request")
                        && f.path("request").path("subtype").asText().equals(subtype),
                timeout);
    }

    /** All frames so far. */
    List<JsonNode> frames() {
        lock.lock();
        try {
            return List.copyOf(frames);
        } finally {
            lock.unlock();
        }
    }

    static boolean isLifecycle(JsonNode f, String uuid, String state) {
        return f.path("type").asText().equals("command_lifecycle")
                && f.path("command_uuid").asText().equals(uuid)
                && f.path("state").asText().equals(state);
    }

    static boolean isResponseTo(JsonNode f, String requestId) {
        return f.path("type").asText().equals("control_response")
                && f.path("response").path("request_id").asText().equals(requestId);
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private void readStdout() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.startsWith("{")) {
                    if (!s.isEmpty()) {
                        recording.add("stdout", com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
                    }
                    continue;
                }
                JsonNode frame;
                try {
                    frame = Recording.JSON.readTree(s);
                } catch (IOException e) {
                    recording.add("stdout", com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
                    continue;
                }
                lock.lock();
                try {
                    recording.add("<", frame);
                    frames.add(frame);
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException ignored) {
            // closed by the host (hostDies) or the process ended
        } finally {
            lock.lock();
            try {
                stdoutClosed = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void readStderr() {
        try (InputStream in = process.getErrorStream()) {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (stderr) {
                    stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
