package dev.peersteam.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.journal.Journal;
import dev.peersteam.journal.JournalEntry;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.journal.JournalReplay;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.testing.ScriptedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The coordinator's loop driven by hand: scripted channels speak for the CLIs, timers and background jobs are held
 * until the test lets them run, and each {@link #step} is one batch of the loop (handle, settle, sync, flush).
 */
final class LoopHarness {
    final Path dir;
    final Path journalFile;
    Journal journal;
    final Map<String, ScriptedChannel> channels = new LinkedHashMap<>();
    /** Every launch, as {@code role:resumed-session-or-null}. */
    final List<String> launches = new ArrayList<>();

    final List<TeamEvent> events = new ArrayList<>();
    final List<Runnable> timers = new ArrayList<>();
    final List<Runnable> background = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Message ids are {@code PREFIX + n}; a restarted coordinator gets another prefix, as real ids never repeat. */
    private String idPrefix = "m";

    private final AtomicInteger pids = new AtomicInteger(1000);
    Coordinator coordinator;
    SessionHistory history = SessionHistory.UNKNOWN;
    RepositoryView repository;
    /** Thrown by the next start of a session, once; null for a normal start. */
    RuntimeException nextStartFails;

    LoopHarness(Path dir) {
        this.dir = dir;
        this.journalFile = dir.resolve(".peers/journal.jsonl");
        this.journal = Journal.open(journalFile, JournalReplay.empty(), Clock.systemUTC());
    }

    LoopHarness start(TeamSpec team, Coordinator.Settings settings, Recovery recovery) {
        coordinator = new Coordinator(
                team,
                settings,
                recovery,
                new Coordinator.Edges(
                        journal,
                        (role, sessionId, resume, sink) -> {
                            if (nextStartFails != null) {
                                RuntimeException failure = nextStartFails;
                                nextStartFails = null;
                                throw failure;
                            }
                            ScriptedChannel channel = new ScriptedChannel(role.name(), sink, pids.incrementAndGet());
                            launches.add(role.name() + ":" + (resume ? sessionId : null));
                            channels.put(role.name(), channel);
                            return channel;
                        },
                        (role, sessionId, cwd) -> history.lookUp(role, sessionId, cwd),
                        (delay, action) -> timers.add(action),
                        repository,
                        new Background() {
                            @Override
                            public <T> void run(String what, Supplier<T> work, Consumer<T> onLoop) {
                                background.add(() -> {
                                    T result = work.get();
                                    coordinator.post(new Event.Completed(what, () -> onLoop.accept(result)));
                                });
                            }
                        }),
                events::add,
                () -> idPrefix + ids.incrementAndGet());
        coordinator.start();
        return this;
    }

    ScriptedChannel ch(String role) {
        return channels.get(role);
    }

    void step() {
        coordinator.runPending();
    }

    /** Lets every held timer fire, then runs the batch. */
    void timersPass() {
        List<Runnable> due = List.copyOf(timers);
        timers.clear();
        due.forEach(Runnable::run);
        step();
    }

    /** Lets every held background job finish, then runs the batch. */
    void backgroundFinishes() {
        List<Runnable> jobs = List.copyOf(background);
        background.clear();
        jobs.forEach(Runnable::run);
        step();
    }

    void ready(String role) {
        String id = ch(role).sentOf(HostMessage.ControlRequest.class).getFirst().requestId();
        ch(role).says("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"" + id
                + "\",\"response\":{}}}");
        step();
    }

    void toolCall(String role, String requestId, String tool, String argsJson) {
        ch(role).says("{\"type\":\"control_request\",\"request_id\":\"" + requestId + "\",\"request\":{\"subtype\":"
                + "\"mcp_message\",\"server_name\":\"peers\",\"message\":{\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + argsJson + "},\"jsonrpc\":\"2.0\",\"id\":7}}}");
        step();
    }

    void lifecycle(String role, String uuid, String state) {
        ch(role).says("{\"type\":\"command_lifecycle\",\"command_uuid\":\"" + uuid + "\",\"state\":\"" + state
                + "\",\"session_id\":\"s\"}");
        step();
    }

    void turnStarts(String role) {
        ch(role).says("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"sess-" + role + "\",\"tools\":[],"
                + "\"mcp_servers\":[]}");
        step();
    }

    void turnEnds(String role, double totalCost) {
        ch(role).says("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"session_id\":\"sess-" + role
                + "\",\"total_cost_usd\":" + totalCost + ",\"queued_turn_count\":0}");
        step();
    }

    /** A whole turn on the message: started, a turn, its end. */
    void handles(String role, String uuid, double totalCost) {
        lifecycle(role, uuid, "started");
        turnEnds(role, totalCost);
    }

    /** The tool result of the single answer to {@code requestId}: {@code {isError, body}}. */
    JsonNode toolResult(String role, String requestId) throws IOException {
        List<HostMessage> answers = ch(role).answersTo(requestId);
        assertThat(answers).as("answers to " + requestId).hasSize(1);
        McpReply.ToolResult result = (McpReply.ToolResult) ((HostMessage.McpAnswer) answers.getFirst()).reply();
        String text = result.text();
        return Json.object()
                .put("isError", result.isError())
                .set("body", text.startsWith("{") ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(text));
    }

    List<HostMessage.UserMessage> prompts(String role) {
        return ch(role).sentOf(HostMessage.UserMessage.class);
    }

    List<String> promptTexts(String role) {
        return prompts(role).stream()
                .map(m -> ScriptedChannel.unframed(m.text()))
                .toList();
    }

    /** What is durable: the journal as a new coordinator would read it. */
    List<JournalRecord> journaled() {
        return JournalReplay.read(journalFile).entries().stream()
                .map(JournalEntry::record)
                .toList();
    }

    CompletableFuture<ControlResponse> ask(ControlRequest.Call<?> request) {
        CompletableFuture<ControlResponse> reply = new CompletableFuture<>();
        coordinator.post(new Event.Control(request, reply));
        return reply;
    }

    ControlResponse control(ControlRequest.Call<?> request) throws Exception {
        CompletableFuture<ControlResponse> reply = ask(request);
        step();
        return reply.get(1, TimeUnit.SECONDS);
    }

    /** The journal of this run, read as the next coordinator reads it; the journal is closed. */
    Recovery recovered() {
        journal.close();
        return Recovery.from(JournalReplay.read(journalFile));
    }

    /** A second coordinator on the same journal, as {@code up} after a crash of this one. */
    LoopHarness restart(TeamSpec team, Coordinator.Settings settings) {
        Recovery recovery = recovered();
        LoopHarness next = new LoopHarness(dir, journalFile);
        next.history = history;
        next.idPrefix = idPrefix + "r";
        return next.start(team, settings, recovery);
    }

    private LoopHarness(Path dir, Path journalFile) {
        this.dir = dir;
        this.journalFile = journalFile;
        JournalReplay replay = JournalReplay.read(journalFile);
        this.journal = Journal.open(journalFile, replay, Clock.systemUTC());
    }
}
