package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the simulated agent against the real CLI's recordings of what becomes of a message across resumes, kills,
 * folds, merges and interrupts ({@code fixtures/claude-code-2.1.328|2.1.332/<scenario>.jsonl}, made by
 * {@code FixtureRecorder}; {@code docs/messaging.md}, "What the CLI does with a message"). Each recorded process is
 * played against a simulated agent run as a real process (so that {@code <<SIGKILL>>} is a real SIGKILL): the same
 * argv (the resumed session id mapped to the sim's), the same host lines, each sent once the sim has written the
 * frames that came before it and as long after the last of them as in the recording (at most
 * {@value #MAX_LINE_WAIT_MS} ms; a kill or a closed pipe at most {@value #MAX_WAIT_MS} ms, so that it lands in the same
 * phase of the turn), the same kills and closed pipes. Then, ignoring ids,
 * timestamps and costs, the sim must have written the same frames (runs of assistant frames count as one: how many
 * blocks a reply has is the model's choice), the same lifecycle states for the same uuids, results naming the same
 * uuids, the same interrupt answers and exit codes, and its transcript must hold the same entries that tell what
 * became of a message: at every kill, and at the end. {@code sim/recorded-model.yaml} plays the recordings' fake
 * model.
 */
@Execution(ExecutionMode.CONCURRENT) // each replay mostly waits on its sim processes
class CliRecordingReplayTest {
    static final long MAX_WAIT_MS = 1500;
    /** Host lines wait less: what they must follow is awaited (the frames before them), not timed. */
    static final long MAX_LINE_WAIT_MS = 300;

    private static final long FRAME_TIMEOUT_MS = 15_000;

    @TempDir
    Path dir;

    static Stream<Arguments> recordings() {
        List<String> scenarios = List.of(
                "resume_known_uuid",
                "duplicate_uuid",
                "kill_right_after_started",
                "resume_after_kill_midturn",
                "resume_after_kill_in_tool",
                "resume_after_host_death",
                "resume_after_host_death_in_tool",
                "resume_after_host_death_tool_running",
                "fold_then_kill",
                "fold_then_resume",
                "fold_interrupt",
                "queue_merge",
                "queue_merge_kill",
                "queue_merge_kill_midturn",
                "interrupt_with_queue",
                "interrupt_cancel_queued",
                "cancel_async_and_end_session");
        return Stream.of("2.1.328", "2.1.332").flatMap(v -> scenarios.stream().map(s -> Arguments.of(v, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recordings")
    void theSimDoesWhatTheRealCliDid(String version, String scenario) throws Exception {
        List<JsonNode> recording = lines("/fixtures/claude-code-" + version + "/" + scenario + ".jsonl");
        Path cwd = Files.createDirectories(dir.resolve("project"));
        Map<String, String> env = SimHost.env(dir, SimAgent.SCRIPT_ENV, script().toString());
        String recordedSession = null;
        String simSession = null;
        List<JsonNode> recordedTranscript = new ArrayList<>();
        int index = 0;
        while (index < recording.size()) {
            JsonNode cmd = recording.get(index);
            assertThat(cmd.path("dir").asText()).isEqualTo("cmd");
            int end = index + 1;
            while (end < recording.size()
                    && !recording.get(end).path("dir").asText().equals("cmd")) {
                end++;
            }
            List<JsonNode> process = recording.subList(index + 1, end);
            List<String> args = new ArrayList<>();
            for (JsonNode arg : cmd.path("msg")) {
                String a = arg.asText();
                args.add(recordedSession != null && simSession != null ? a.replace(recordedSession, simSession) : a);
            }
            try (Sim sim = Sim.start(cwd, env, args.subList(1, args.size()))) {
                play(scenario, process, sim, recordedTranscript);
                if (recordedSession == null) {
                    recordedSession = sessionOf(process);
                    simSession = sim.sessionId();
                }
            }
            index = end;
        }
        String transcript = "/fixtures/claude-code-" + version + "/" + scenario + ".transcript.jsonl";
        if (CliRecordingReplayTest.class.getResource(transcript) == null) {
            assertThat(transcriptOrEmpty(simSession))
                    .as(scenario + ": no transcript, as with the real CLI")
                    .isEmpty();
            return;
        }
        assertThat(project(transcriptOf(simSession)))
                .as(scenario + ": the transcript at the end")
                .containsExactlyElementsOf(project(lines(transcript)));
    }

    /** Plays one recorded process against {@code sim}; compares its frames and exit code at the end. */
    private void play(String scenario, List<JsonNode> process, Sim sim, List<JsonNode> recordedTranscript)
            throws Exception {
        Map<String, String> requestIds = new HashMap<>();
        List<JsonNode> recordedFrames = new ArrayList<>();
        double lastCliLine = 0;
        int syncFrames = 0;
        Integer exitCode = null;
        boolean killed = false;
        for (JsonNode line : process) {
            JsonNode msg = line.path("msg");
            switch (line.path("dir").asText()) {
                case "<" -> {
                    recordedFrames.add(msg);
                    lastCliLine = line.path("t").asDouble();
                    if (!msg.path("type").asText().equals("assistant")) {
                        syncFrames++;
                    }
                    if (msg.path("type").asText().equals("control_request")) {
                        JsonNode ours =
                                sim.awaitFrame(f -> f.path("type").asText().equals("control_request")
                                        && !requestIds.containsValue(
                                                f.path("request_id").asText()));
                        requestIds.put(
                                msg.path("request_id").asText(),
                                ours.path("request_id").asText());
                    }
                }
                case "transcript" -> recordedTranscript.add(msg);
                case ">" -> {
                    sim.awaitSyncFrames(syncFrames);
                    long wait = Math.round((line.path("t").asDouble() - lastCliLine) * 1000);
                    Thread.sleep(Math.max(0, Math.min(wait, msg.isTextual() ? MAX_WAIT_MS : MAX_LINE_WAIT_MS)));
                    if (msg.isTextual()) {
                        switch (msg.asText()) {
                            case "<<close stdin>>" -> sim.closeStdin();
                            case "<<close pipes>>" -> sim.hostDies();
                            case "<<SIGKILL>>" -> {
                                sim.kill();
                                killed = true;
                                assertThat(project(transcriptOrEmpty(sim.sessionId())))
                                        .as(scenario + ": the transcript when the process was killed")
                                        .containsExactlyElementsOf(project(recordedTranscript));
                            }
                            default -> throw new IllegalStateException(msg.asText());
                        }
                    } else {
                        sim.send(withOurRequestIds(msg, requestIds));
                    }
                }
                case "exit" -> exitCode = msg.asInt();
                default -> {} // api, note, stdout
            }
        }
        int code = sim.awaitExit();
        if (exitCode != null) {
            assertThat(code).as(scenario + ": exit code").isEqualTo(exitCode);
        }
        // A message's "queued" is written the moment its line is read, so where it falls among the frames of a running
        // turn depends on the host's timing: the queued frames are compared among themselves.
        assertThat(queuedFrames(sim.frames()))
                .as(scenario + ": the queued frames")
                .containsExactlyElementsOf(queuedFrames(recordedFrames));
        List<String> ours = projectFrames(sim.frames());
        List<String> theirs = projectFrames(recordedFrames);
        if (killed && ours.size() > theirs.size()) {
            // The kill lands a few ms after the frame it follows in the recording; frames the sim wrote in those
            // ms are not the point (the transcript at the kill is compared above).
            ours = ours.subList(0, theirs.size());
        }
        assertThat(ours).as(scenario + ": the frames").containsExactlyElementsOf(theirs);
    }

    // ---- what is compared ----

    static List<String> queuedFrames(List<JsonNode> frames) {
        return frames.stream()
                .filter(f -> f.path("type").asText().equals("command_lifecycle")
                        && f.path("state").asText().equals("queued"))
                .map(f -> f.path("command_uuid").asText())
                .toList();
    }

    /**
     * A frame as compared: its kind, and for lifecycle frames, results and interrupt answers what they say; without
     * the {@code queued} frames ({@link #queuedFrames}).
     */
    static List<String> projectFrames(List<JsonNode> frames) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (f.path("type").asText().equals("command_lifecycle")
                    && f.path("state").asText().equals("queued")) {
                continue;
            }
            String p = switch (f.path("type").asText()) {
                case "command_lifecycle" ->
                    "lifecycle " + f.path("state").asText() + " "
                            + f.path("command_uuid").asText();
                case "result" ->
                    "result " + f.path("subtype").asText() + " "
                            + f.path("terminal_reason").asText("") + " " + f.path("user_message_uuids");
                case "control_response" -> {
                    JsonNode r = f.path("response").path("response");
                    yield "control_response "
                            + f.path("response").path("subtype").asText()
                            + (r.has("still_queued") ? " still_queued=" + r.get("still_queued") : "")
                            + (r.has("cancelled") ? " cancelled=" + r.get("cancelled") : "");
                }
                case "system" -> "system/" + f.path("subtype").asText();
                case "control_request" ->
                    "control_request/" + f.path("request").path("subtype").asText();
                default -> f.path("type").asText();
            };
            if (!(p.equals("assistant") && !out.isEmpty() && out.getLast().equals("assistant"))) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The transcript entries that tell what became of a message: queue operations, the user entries (with their
     * uuid, text and merged uuids), tool results, interruption markers, {@code queued_command} attachments and the
     * assistant's replies (a run of them as one; the synthetic one named).
     */
    static List<String> project(List<JsonNode> entries) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : entries) {
            String p = null;
            switch (e.path("type").asText()) {
                case "queue-operation" ->
                    p = "queue " + e.path("operation").asText() + " "
                            + e.path("content").asText("");
                case "user" -> {
                    JsonNode content = e.path("message").path("content");
                    if (content.isTextual()) {
                        p = "user " + e.path("uuid").asText() + " " + content.asText() + " merged="
                                + e.path("mergedSendUuids");
                    } else if (content.path(0).path("type").asText().equals("tool_result")) {
                        p = "tool_result";
                    } else {
                        p = "user " + content.path(0).path("text").asText();
                    }
                }
                case "attachment" -> {
                    JsonNode a = e.path("attachment");
                    if (a.path("type").asText().equals("queued_command")) {
                        p = "queued_command " + a.path("source_uuid").asText() + " "
                                + a.path("prompt").asText();
                    }
                }
                case "assistant" ->
                    p = e.path("message").path("model").asText().equals("<synthetic>")
                            ? "assistant <synthetic>"
                            : "assistant";
                default -> {}
            }
            if (p != null
                    && !(p.equals("assistant")
                            && !out.isEmpty()
                            && out.getLast().equals("assistant"))) {
                out.add(p);
            }
        }
        return out;
    }

    // ---- plumbing ----

    private List<JsonNode> transcriptOf(String sessionId) {
        Path file = Transcript.file(dir.resolve("config"), dir.resolve("project"), sessionId);
        assertThat(file).exists();
        return transcriptOrEmpty(sessionId);
    }

    private List<JsonNode> transcriptOrEmpty(String sessionId) {
        Path file = Transcript.file(dir.resolve("config"), dir.resolve("project"), sessionId);
        if (sessionId == null || !Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                out.add(Json.MAPPER.readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sessionOf(List<JsonNode> process) {
        for (JsonNode line : process) {
            if (line.path("dir").asText().equals("<")
                    && !line.path("msg").path("session_id").asText("").isEmpty()) {
                return line.path("msg").path("session_id").asText();
            }
        }
        return null;
    }

    private static List<JsonNode> lines(String resource) throws IOException {
        try (InputStream in = CliRecordingReplayTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<JsonNode> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
            return out;
        }
    }

    private static Path script() throws Exception {
        return Path.of(CliRecordingReplayTest.class
                .getResource("/sim/recorded-model.yaml")
                .toURI());
    }

    private static JsonNode withOurRequestIds(JsonNode line, Map<String, String> ids) {
        if (!line.path("type").asText().equals("control_response")) {
            return line;
        }
        ObjectNode copy = line.deepCopy();
        ObjectNode response = (ObjectNode) copy.get("response");
        String ours = ids.get(response.path("request_id").asText());
        if (ours != null) {
            response.put("request_id", ours);
        }
        return copy;
    }

    /** The simulated agent as a child process ({@link SimAgentMain}), with its stdout frames collected. */
    private static final class Sim implements AutoCloseable {
        private final Process process;
        private final OutputStream stdin;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final List<JsonNode> frames = new ArrayList<>();
        private boolean ended;

        private Sim(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread.ofVirtual().start(this::read);
        }

        static Sim start(Path cwd, Map<String, String> env, List<String> args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SimAgentMain.class.getName()));
            command.addAll(args);
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(env);
            return new Sim(builder.start());
        }

        /** Writes a line; a sim that has already exited (as the recorded CLI may have) is not an error here. */
        void send(JsonNode line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                assertThat(process.isAlive())
                        .as("a write to a live sim failed: " + e)
                        .isFalse();
            }
        }

        void closeStdin() throws IOException {
            stdin.close();
        }

        /** The host dies: nothing the sim writes from now on is read, and its stdin and stdout are closed. */
        void hostDies() throws IOException {
            lock.lock();
            try {
                ended = true;
            } finally {
                lock.unlock();
            }
            stdin.close();
            process.getInputStream().close();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("the sim exits")
                    .isTrue();
            lock.lock();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!ended && System.nanoTime() < deadline) {
                    arrived.await(100, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
            return process.exitValue();
        }

        String sessionId() {
            for (JsonNode f : frames()) {
                if (!f.path("session_id").asText("").isEmpty()) {
                    return f.path("session_id").asText();
                }
            }
            return null;
        }

        List<JsonNode> frames() {
            lock.lock();
            try {
                return List.copyOf(frames);
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the sim has written {@code n} frames other than assistant frames (or has ended). */
        void awaitSyncFrames(int n) throws InterruptedException {
            lock.lock();
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MS);
                while (frames.stream()
                                        .filter(f -> !f.path("type").asText().equals("assistant"))
                                        .count()
                                < n
                        && !ended) {
                    long left = deadline - System.nanoTime();
                    assertThat(left)
                            .as("the sim wrote %d frames, %d expected: %s", frames.size(), n, frames)
                            .isPositive();
                    arrived.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        JsonNode awaitFrame(java.util.function.Predicate<JsonNode> match) throws InterruptedException {
            lock.lock();
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MS);
                while (true) {
                    for (JsonNode f : frames) {
                        if (match.test(f)) {
                            return f;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    assertThat(left).as("no matching frame in %s", frames).isPositive();
                    arrived.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        private void read() {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.startsWith("{")) {
                        continue;
                    }
                    JsonNode frame = Json.MAPPER.readTree(line);
                    lock.lock();
                    try {
                        if (ended) {
                            continue; // the host is gone
                        }
                        frames.add(frame);
                        arrived.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (IOException e) {
                // closed by hostDies, or the process ended
            } finally {
                lock.lock();
                try {
                    ended = true;
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
