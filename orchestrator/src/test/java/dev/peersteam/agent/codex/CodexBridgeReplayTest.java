package dev.peersteam.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.LifecycleState;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.protocol.McpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bridge against the recorded traffic of the real codex 0.171.0 ({@code fixtures/codex-0.171.0}): fed what codex
 * said, and the coordinator's side as it must have been for what the bridge wrote, it writes exactly the recorded
 * lines (JSON-equal, in order), and the coordinator hears the typed frames it acts on.
 */
class CodexBridgeReplayTest {
    private static final Pattern HEADER = Pattern.compile("^\\[from [^\\]]+ · ([A-Za-z0-9-]+)]");

    @Test
    void theMixedTeamScenarioReplaysLineForLine() throws IOException {
        Replay replay = Replay.of("mixed_team.jsonl");

        assertThat(replay.heard(CliMessage.ControlResponse.class))
                .first()
                .satisfies(r -> assertThat(r.success()).isTrue());
        List<CliMessage.Lifecycle> started = replay.heard(CliMessage.Lifecycle.class);
        assertThat(started)
                .as("the board's message started the turn, the lead's was steered into it")
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.state()).isEqualTo(LifecycleState.STARTED));
        assertThat(replay.heard(CliMessage.ControlRequest.class))
                .extracting(r -> ((CliRequest.McpMessage) r.request()).message())
                .extracting(m -> ((McpRequest.CallTool) m).name())
                .containsExactly("send_message", "update_task");
        assertThat(replay.heard(CliMessage.Assistant.class))
                .as("the shell call is shown as Bash with the model's own command")
                .anySatisfy(a -> assertThat(a.content().toString())
                        .contains("Bash")
                        .contains("printf 'looks good\\n' > review.txt && echo wrote-review"));
        assertThat(replay.heard(CliMessage.Result.class)).isNotEmpty();
        assertThat(replay.threads).hasSize(1);
    }

    @Test
    void approvalInterruptErrorAndResumeReplayLineForLine() throws IOException {
        Replay replay = Replay.of("approval_interrupt_resume.jsonl");

        List<CliRequest.CanUseTool> asked = replay.heard(CliMessage.ControlRequest.class).stream()
                .map(CliMessage.ControlRequest::request)
                .filter(r -> r instanceof CliRequest.CanUseTool)
                .map(r -> (CliRequest.CanUseTool) r)
                .toList();
        assertThat(asked)
                .as("codex asked twice: one the role's rule allowed, one a person approved")
                .extracting(CliRequest.CanUseTool::toolName, a -> a.input().command())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Bash", "touch ruled.txt"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Bash", "printf 'approved\\n' > approved.txt && echo made-it"));
        List<CliMessage.Result> results = replay.heard(CliMessage.Result.class);
        assertThat(results)
                .extracting(CliMessage.Result::terminalReason)
                .contains("completed", "interrupted", "failed");
        assertThat(results)
                .filteredOn(r -> "failed".equals(r.terminalReason()))
                .singleElement()
                .satisfies(r -> assertThat(r.errorDetail()).contains("FAKE-REFUSAL"));
        assertThat(replay.bridges).as("a second process resumed the thread").isEqualTo(2);
        assertThat(replay.sent)
                .anySatisfy(line -> assertThat(line.path("method").asText()).isEqualTo("thread/resume"));
    }

    @Test
    void aResumeWithoutARecordedThreadEndsLikeALostClaudeSession() {
        List<CliMessage> heard = new ArrayList<>();
        List<RpcMessage> sent = new ArrayList<>();
        boolean[] ended = {false};
        CodexBridge bridge = new CodexBridge(
                "s1",
                true,
                new CodexThreadSettings(Path.of("/w"), null, "never", "workspace-write", "", List.of()),
                new MapBook(new HashMap<>()),
                sent::add,
                heard::add,
                () -> ended[0] = true);
        bridge.fromHost(new HostMessage.ControlRequest("init", new HostRequest.Initialize()));
        bridge.fromCodex(RpcMessage.decode(Json.object().put("id", 1).set("result", Json.object())));
        assertThat(heard)
                .singleElement()
                .isInstanceOfSatisfying(
                        CliMessage.Result.class,
                        r -> assertThat(r.sessionNotFound()).isTrue());
        assertThat(ended[0]).isTrue();
    }

    @Test
    void aSteerThatComesTooLateStartsTheNextTurn() {
        List<CliMessage> heard = new ArrayList<>();
        List<RpcMessage> sent = new ArrayList<>();
        CodexBridge bridge = new CodexBridge(
                "s1",
                false,
                new CodexThreadSettings(Path.of("/w"), null, "never", "workspace-write", "", List.of()),
                new MapBook(new HashMap<>()),
                sent::add,
                heard::add,
                () -> {});
        bridge.fromHost(new HostMessage.ControlRequest("init", new HostRequest.Initialize()));
        reply(bridge, 1, Json.object());
        ObjectNode thread = Json.object();
        thread.putObject("thread").put("id", "T");
        reply(bridge, 2, thread);
        bridge.fromHost(new HostMessage.UserMessage("m1", "[from a · m1] one"));
        ObjectNode turn = Json.object();
        turn.putObject("turn").put("id", "U1");
        reply(bridge, 3, turn);
        bridge.fromHost(new HostMessage.UserMessage("m2", "[from a · m2] two"));
        assertThat(method(sent.getLast())).isEqualTo("turn/steer");
        // the turn ends before the steer is answered, and codex refuses the steer
        ObjectNode done = Json.object();
        done.putObject("turn").put("id", "U1").put("status", "completed");
        bridge.fromCodex(new RpcMessage.Notification("turn/completed", done));
        bridge.fromCodex(new RpcMessage.Failure(Json.MAPPER.valueToTree(4), -32600, "no active turn"));
        assertThat(method(sent.getLast()))
                .as("the message starts a turn of its own")
                .isEqualTo("turn/start");
        reply(bridge, 5, turn.deepCopy().put("unused", 0));
        assertThat(heard)
                .filteredOn(m -> m instanceof CliMessage.Lifecycle)
                .extracting(m -> ((CliMessage.Lifecycle) m).commandUuid())
                .containsExactly("m1", "m2");
    }

    @Test
    void aTurnTheApiLimitedEndsAsALimitStoppedResult() throws IOException {
        List<CliMessage> heard = new ArrayList<>();
        CodexBridge bridge = new CodexBridge(
                "s1",
                false,
                new CodexThreadSettings(Path.of("/w"), null, "never", "workspace-write", "", List.of()),
                new MapBook(new HashMap<>()),
                m -> {},
                heard::add,
                () -> {});
        bridge.fromHost(new HostMessage.ControlRequest("init", new HostRequest.Initialize()));
        reply(bridge, 1, Json.object());
        ObjectNode thread = Json.object();
        thread.putObject("thread").put("id", "T");
        reply(bridge, 2, thread);
        long nextId = 3;
        List<Integer> statuses = new ArrayList<>();
        // what codex 0.171.0 said when the Responses API answered 429 (its retries spent) and 529
        try (InputStream in =
                CodexBridgeReplayTest.class.getResourceAsStream("/fixtures/codex-0.171.0/api_limits.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                JsonNode completed = Json.MAPPER.readTree(line).path("msg");
                bridge.fromHost(new HostMessage.UserMessage("m" + nextId, "[from a · m" + nextId + "] go"));
                ObjectNode turn = Json.object();
                turn.putObject("turn").put("id", completed.at("/params/turn/id").asText());
                reply(bridge, nextId++, turn);
                bridge.fromCodex(RpcMessage.decode(completed));
                CliMessage.Result result = (CliMessage.Result) heard.getLast();
                assertThat(result.stoppedByApiLimit()).as(line).isTrue();
                statuses.add(result.apiErrorStatus());
            }
        }
        assertThat(statuses).containsExactly(429, 529);
        assertThat(CodexBridge.httpStatus(Json.MAPPER.readTree("\"other\""))).isZero();
        assertThat(CodexBridge.httpStatus(Json.MAPPER.readTree("\"usageLimitExceeded\"")))
                .isEqualTo(429);
        assertThat(CodexBridge.httpStatus(Json.MAPPER.readTree("{\"httpConnectionFailed\":{\"httpStatusCode\":null}}")))
                .isZero();
        assertThat(Replay.of("approval_interrupt_resume.jsonl").heard(CliMessage.Result.class))
                .as("a refused request (400) is a failure, not a limit")
                .noneMatch(CliMessage.Result::stoppedByApiLimit);
    }

    private static void reply(CodexBridge bridge, long id, JsonNode result) {
        bridge.fromCodex(new RpcMessage.Response(Json.MAPPER.valueToTree(id), result));
    }

    private static String method(RpcMessage message) {
        return message instanceof RpcMessage.Request r ? r.method() : String.valueOf(message);
    }

    private record MapBook(Map<String, String> threads) implements CodexBridge.ThreadBook {
        @Override
        public String threadOf(String sessionId) {
            return threads.get(sessionId);
        }

        @Override
        public void remember(String sessionId, String threadId) {
            threads.put(sessionId, threadId);
        }
    }

    /** Drives bridges through one recording, one bridge per codex process (a new one at each {@code initialize}). */
    private static final class Replay {
        final List<CliMessage> heard = new ArrayList<>();
        final List<JsonNode> sent = new ArrayList<>();
        final Map<String, String> threads = new HashMap<>();
        final Deque<JsonNode> written = new ArrayDeque<>();
        int bridges;
        CodexBridge bridge;

        static Replay of(String fixture) throws IOException {
            Replay replay = new Replay();
            try (InputStream in =
                    CodexBridgeReplayTest.class.getResourceAsStream("/fixtures/codex-0.171.0/" + fixture)) {
                assertThat(in).as(fixture).isNotNull();
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
                for (String line : lines) {
                    JsonNode msg = Json.MAPPER.readTree(line).path("msg");
                    if (msg.path("method").asText().equals("thread/start")) {
                        replay.recordedSettings = settingsOf(msg.path("params"));
                        break;
                    }
                }
                for (String line : lines) {
                    JsonNode record = Json.MAPPER.readTree(line);
                    replay.step(record.path("dir").asText(), record.path("msg"));
                }
            }
            assertThat(replay.written)
                    .as("the bridge wrote nothing that codex did not get")
                    .isEmpty();
            return replay;
        }

        void step(String dir, JsonNode msg) {
            if (dir.equals("<")) {
                bridge.fromCodex(RpcMessage.decode(msg));
                return;
            }
            if (written.isEmpty()) {
                host(msg);
            }
            assertThat(written).as("the bridge writes " + msg).isNotEmpty();
            JsonNode ours = written.removeFirst();
            assertThat(ours).isEqualTo(msg);
            sent.add(ours);
        }

        /** What the coordinator must have sent for the bridge to write {@code msg}. */
        void host(JsonNode msg) {
            String method = msg.path("method").asText("");
            JsonNode params = msg.path("params");
            switch (method) {
                case "initialize" -> {
                    bridges++;
                    bridge = new CodexBridge(
                            "session-1",
                            bridges > 1,
                            settingsFor(),
                            new MapBook(threads),
                            this::write,
                            heard::add,
                            () -> {});
                    bridge.fromHost(new HostMessage.ControlRequest("init-" + bridges, new HostRequest.Initialize()));
                }
                case "turn/start", "turn/steer" -> {
                    String text = params.path("input").get(0).path("text").asText();
                    Matcher header = HEADER.matcher(text);
                    bridge.fromHost(new HostMessage.UserMessage(header.find() ? header.group(1) : null, text));
                }
                case "turn/interrupt" ->
                    bridge.fromHost(new HostMessage.ControlRequest("interrupt", new HostRequest.Interrupt()));
                case "" -> {
                    String requestId = "codex-" + msg.path("id").asText();
                    JsonNode result = msg.path("result");
                    if (result.has("decision")) {
                        bridge.fromHost(
                                result.path("decision").asText().equals("accept")
                                        ? new HostMessage.PermissionAllow(requestId, Json.object(), List.of())
                                        : new HostMessage.PermissionDeny(requestId, "no", false));
                    } else {
                        bridge.fromHost(new HostMessage.McpAnswer(
                                requestId,
                                new McpReply.ToolResult(
                                        msg.path("id"),
                                        result.path("contentItems")
                                                .get(0)
                                                .path("text")
                                                .asText(),
                                        !result.path("success").asBoolean())));
                    }
                }
                default -> throw new AssertionError("the bridge should have written " + msg + " by itself");
            }
        }

        private CodexThreadSettings recordedSettings;

        static CodexThreadSettings settingsOf(JsonNode params) {
            List<dev.peersteam.protocol.McpTool> tools = new ArrayList<>();
            for (JsonNode tool : params.path("dynamicTools").get(0).path("tools")) {
                tools.add(new dev.peersteam.protocol.McpTool(
                        tool.path("name").asText(), tool.path("description").asText(), tool.path("inputSchema")));
            }
            return new CodexThreadSettings(
                    Path.of(params.path("cwd").asText()),
                    params.path("model").asText(null),
                    params.path("approvalPolicy").asText(),
                    params.path("sandbox").asText(),
                    params.path("developerInstructions").asText(),
                    tools);
        }

        /** The settings the recorded thread/start shows (worktree, policy, prompt, tools), read back. */
        CodexThreadSettings settingsFor() {
            return recordedSettings;
        }

        /** As the line codex reads: written and parsed back, so numbers compare by value, not by node type. */
        void write(RpcMessage message) {
            try {
                written.addLast(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(RpcMessage.encode(message))));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        <T extends CliMessage> List<T> heard(Class<T> type) {
            return heard.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
