package dev.peersteam.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.LifecycleState;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.protocol.McpRequest;
import dev.peersteam.protocol.ResultSubtype;
import dev.peersteam.protocol.ToolInput;
import dev.peersteam.tools.McpServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates between the coordinator's typed frames (what Claude Code speaks) and the Codex app server's JSON-RPC,
 * so that the coordinator does not know which agent it drives (docs/agents.md, docs/codex-protocol.md):
 *
 * <ul>
 *   <li>{@code initialize} → {@code initialize}, {@code initialized}, then {@code thread/start} (its thread id kept
 *       under the coordinator's session id) or {@code thread/resume}; the answer comes when the thread is ready.
 *   <li>a user message → {@code turn/start} when no turn runs, {@code turn/steer} into the running turn otherwise;
 *       reported {@code started} once codex accepted it (it is then in the thread's history).
 *   <li>{@code turn/completed} → a {@code result}; agent messages and tool calls → {@code assistant} frames.
 *   <li>approval requests → {@code can_use_tool}; dynamic tool calls → {@code mcp_message} calls of the team tools;
 *       their answers go back to codex as the JSON-RPC result of its request.
 *   <li>{@code interrupt} → {@code turn/interrupt}.
 * </ul>
 *
 * All methods are called from two threads (the coordinator's writer side and the pipe's reader), so they hold the
 * bridge's lock; none blocks.
 */
final class CodexBridge {
    /** What the bridge needs of the session's record: the codex thread that stands for a session id. */
    interface ThreadBook {
        String threadOf(String sessionId);

        void remember(String sessionId, String threadId);
    }

    private final String sessionId;
    private final boolean resume;
    private final CodexThreadSettings settings;
    private final ThreadBook book;
    private final Consumer<RpcMessage> toCodex;
    private final Consumer<CliMessage> toHost;
    private final Runnable endSession;

    private long nextId = 1;
    private final Map<Long, Consumer<RpcMessage>> waiting = new HashMap<>();
    /** Codex's requests the coordinator has not answered yet, by the request id the coordinator knows. */
    private final Map<String, Ask> asks = new LinkedHashMap<>();

    private String threadId;
    private String turnId;
    private boolean turnStarting;
    private boolean interruptWanted;
    /** Messages that wait for the next turn (a steer came too late for the turn it aimed at). */
    private final List<HostMessage.UserMessage> nextTurn = new ArrayList<>();
    /** Messages that wait for the starting turn's id, to be steered into it. */
    private final List<HostMessage.UserMessage> toSteer = new ArrayList<>();
    /** Text of the running turn's agent messages, for the result. */
    private final StringBuilder lastText = new StringBuilder();

    /** What kind of answer a codex request wants. */
    private sealed interface Ask {
        JsonNode rpcId();

        record Command(JsonNode rpcId) implements Ask {}

        record FileChange(JsonNode rpcId) implements Ask {}

        record ToolCall(JsonNode rpcId) implements Ask {}
    }

    CodexBridge(
            String sessionId,
            boolean resume,
            CodexThreadSettings settings,
            ThreadBook book,
            Consumer<RpcMessage> toCodex,
            Consumer<CliMessage> toHost,
            Runnable endSession) {
        this.sessionId = sessionId;
        this.resume = resume;
        this.settings = settings;
        this.book = book;
        this.toCodex = toCodex;
        this.toHost = toHost;
        this.endSession = endSession;
    }

    // ---- from the coordinator

    synchronized void fromHost(HostMessage message) {
        switch (message) {
            case HostMessage.ControlRequest(String requestId, HostRequest request) -> hostRequest(requestId, request);
            case HostMessage.UserMessage user -> userMessage(user);
            case HostMessage.PermissionAllow allow ->
                answer(allow.requestId(), ask -> switch (ask) {
                    case Ask.Command c ->
                        decision(allow.rememberForSession().isEmpty() ? "accept" : "acceptForSession");
                    case Ask.FileChange f ->
                        decision(allow.rememberForSession().isEmpty() ? "accept" : "acceptForSession");
                    case Ask.ToolCall t -> toolResult("not a permission request", false);
                });
            case HostMessage.PermissionDeny deny ->
                answer(deny.requestId(), ask -> switch (ask) {
                    case Ask.Command c -> decision(deny.interrupt() ? "cancel" : "decline");
                    case Ask.FileChange f -> decision(deny.interrupt() ? "cancel" : "decline");
                    case Ask.ToolCall t -> toolResult(deny.message(), false);
                });
            case HostMessage.McpAnswer mcp ->
                answer(mcp.requestId(), ask -> switch (mcp.reply()) {
                    case McpReply.ToolResult result -> toolResult(result.text(), !result.isError());
                    case McpReply.Error error -> toolResult(error.message(), false);
                    default -> toolResult("no result", false);
                });
            case HostMessage.ControlError error -> {
                Ask ask = asks.remove(error.requestId());
                if (ask != null) {
                    toCodex.accept(new RpcMessage.Failure(ask.rpcId(), -32603, error.error()));
                }
            }
        }
    }

    private void hostRequest(String requestId, HostRequest request) {
        switch (request) {
            case HostRequest.Initialize init -> initialize(requestId);
            case HostRequest.Interrupt interrupt -> {
                if (turnId != null) {
                    interrupt(requestId);
                } else if (turnStarting) {
                    interruptWanted = true;
                    succeeded(requestId);
                } else {
                    nextTurn.clear();
                    succeeded(requestId);
                }
            }
            case HostRequest.SetModel set ->
                refused(requestId, "a codex session's model is set when its thread starts");
            case HostRequest.SetPermissionMode set ->
                refused(requestId, "a codex session's approval policy is set when its thread starts");
        }
    }

    private void initialize(String requestId) {
        ObjectNode params = Json.object();
        params.putObject("clientInfo")
                .put("name", "peers-team")
                .put("title", "peers-team")
                .put("version", "1");
        params.putObject("capabilities").put("experimentalApi", true); // dynamicTools need it
        call("initialize", params, reply -> {
            if (reply instanceof RpcMessage.Failure failure) {
                toHost.accept(new CliMessage.ControlResponse(requestId, false, null, failure.message(), null));
                return;
            }
            toCodex.accept(new RpcMessage.Notification("initialized", null));
            String known = resume ? book.threadOf(sessionId) : null;
            if (resume && known == null) {
                sessionLost("no codex thread is recorded for session " + sessionId);
                return;
            }
            if (known != null) {
                call("thread/resume", settings.resume(known), answer -> threadReady(requestId, answer, true));
            } else {
                call("thread/start", settings.start(), answer -> threadReady(requestId, answer, false));
            }
        });
    }

    private void threadReady(String requestId, RpcMessage answer, boolean resumed) {
        if (answer instanceof RpcMessage.Response(JsonNode id, JsonNode result)) {
            threadId = result.path("thread").path("id").asText(null);
            if (threadId != null) {
                if (!resumed) {
                    try {
                        book.remember(sessionId, threadId);
                    } catch (RuntimeException e) {
                        // a thread that could not be recorded could not be resumed: the session does not start
                        toHost.accept(new CliMessage.ControlResponse(requestId, false, null, e.getMessage(), null));
                        return;
                    }
                }
                ObjectNode response = Json.object();
                response.put("thread_id", threadId);
                toHost.accept(new CliMessage.ControlResponse(requestId, true, response, null, null));
                return;
            }
        }
        String why = answer instanceof RpcMessage.Failure failure ? failure.message() : "no thread id in " + answer;
        if (resumed) {
            sessionLost("codex could not resume its thread: " + why);
        } else {
            toHost.accept(new CliMessage.ControlResponse(requestId, false, null, why, null));
        }
    }

    /** Like the CLI when its transcript is gone: a result that says so, then the end of the process. */
    private void sessionLost(String why) {
        toHost.accept(new CliMessage.Result(
                sessionId,
                ResultSubtype.ERROR_DURING_EXECUTION,
                true,
                why,
                0,
                0,
                0,
                null,
                List.of(why),
                List.of(),
                true,
                0));
        endSession.run();
    }

    private void userMessage(HostMessage.UserMessage user) {
        if (turnId != null) {
            steer(user);
        } else if (turnStarting) {
            toSteer.add(user);
        } else {
            startTurn(List.of(user));
        }
    }

    private void startTurn(List<HostMessage.UserMessage> messages) {
        turnStarting = true;
        lastText.setLength(0);
        ObjectNode params = Json.object();
        params.put("threadId", threadId);
        params.set("input", input(messages));
        call("turn/start", params, reply -> {
            turnStarting = false;
            if (reply instanceof RpcMessage.Response(JsonNode id, JsonNode result)) {
                turnId = result.path("turn").path("id").asText(null);
                toHost.accept(new CliMessage.SystemInit(
                        sessionId,
                        settings.model(),
                        settings.approvalPolicy(),
                        settings.cwd().toString(),
                        List.of(),
                        List.of()));
                messages.forEach(m -> lifecycle(m, LifecycleState.STARTED));
                List<HostMessage.UserMessage> steer = List.copyOf(toSteer);
                toSteer.clear();
                steer.forEach(this::steer);
                if (interruptWanted) {
                    interruptWanted = false;
                    interrupt(null);
                }
            } else {
                String why = reply instanceof RpcMessage.Failure f ? f.message() : String.valueOf(reply);
                messages.forEach(m -> toHost.accept(
                        new CliMessage.Lifecycle(sessionId, m.uuid(), LifecycleState.REFUSED, "refused: " + why)));
                List<HostMessage.UserMessage> waitingOnes = new ArrayList<>(toSteer);
                toSteer.clear();
                if (!waitingOnes.isEmpty()) {
                    startTurn(waitingOnes);
                }
            }
        });
    }

    private void steer(HostMessage.UserMessage user) {
        ObjectNode params = Json.object();
        params.put("threadId", threadId);
        params.put("expectedTurnId", turnId);
        params.set("input", input(List.of(user)));
        call("turn/steer", params, reply -> {
            if (reply instanceof RpcMessage.Response) {
                lifecycle(user, LifecycleState.STARTED);
            } else if (turnId == null && !turnStarting) {
                startTurn(List.of(user)); // the turn ended meanwhile: the message starts the next one
            } else if (turnStarting) {
                toSteer.add(user);
            } else {
                // the turn cannot take input now (e.g. it is being interrupted): it waits for the next turn
                nextTurn.add(user);
                lifecycle(user, LifecycleState.QUEUED);
            }
        });
    }

    private void interrupt(String requestId) {
        ObjectNode params = Json.object();
        params.put("threadId", threadId);
        params.put("turnId", turnId);
        call("turn/interrupt", params, reply -> {
            if (requestId != null) {
                if (reply instanceof RpcMessage.Failure failure) {
                    toHost.accept(new CliMessage.ControlResponse(requestId, false, null, failure.message(), null));
                } else {
                    succeeded(requestId);
                }
            }
        });
    }

    private static ArrayNode input(List<HostMessage.UserMessage> messages) {
        ArrayNode input = Json.MAPPER.createArrayNode();
        for (HostMessage.UserMessage message : messages) {
            input.addObject().put("type", "text").put("text", message.text());
        }
        return input;
    }

    private void lifecycle(HostMessage.UserMessage message, LifecycleState state) {
        if (message.uuid() != null) {
            toHost.accept(new CliMessage.Lifecycle(sessionId, message.uuid(), state, state.wire()));
        }
    }

    private void answer(String requestId, java.util.function.Function<Ask, JsonNode> result) {
        Ask ask = asks.remove(requestId);
        if (ask != null) {
            toCodex.accept(new RpcMessage.Response(ask.rpcId(), result.apply(ask)));
        }
    }

    private static JsonNode decision(String decision) {
        return Json.object().put("decision", decision);
    }

    private static JsonNode toolResult(String text, boolean success) {
        ObjectNode result = Json.object();
        result.putArray("contentItems").addObject().put("type", "inputText").put("text", text);
        result.put("success", success);
        return result;
    }

    private void succeeded(String requestId) {
        toHost.accept(new CliMessage.ControlResponse(requestId, true, Json.object(), null, null));
    }

    private void refused(String requestId, String why) {
        toHost.accept(new CliMessage.ControlResponse(requestId, false, null, why, null));
    }

    private void call(String method, JsonNode params, Consumer<RpcMessage> onReply) {
        long id = nextId++;
        waiting.put(id, onReply);
        toCodex.accept(new RpcMessage.Request(LongNode.valueOf(id), method, params));
    }

    // ---- from codex

    synchronized void fromCodex(RpcMessage message) {
        switch (message) {
            case RpcMessage.Response response -> replied(response.id(), response);
            case RpcMessage.Failure failure -> replied(failure.id(), failure);
            case RpcMessage.Request request -> request(request);
            case RpcMessage.Notification notification -> notification(notification.method(), notification.params());
            case RpcMessage.Malformed malformed ->
                toHost.accept(new CliMessage.Unknown("codex/malformed", malformed.raw()));
        }
    }

    private void replied(JsonNode id, RpcMessage reply) {
        Consumer<RpcMessage> onReply = id.canConvertToLong() ? waiting.remove(id.asLong()) : null;
        if (onReply != null) {
            onReply.accept(reply);
        }
    }

    /** Codex asks to run a command or change files: the same {@code can_use_tool} a Claude Code CLI would send. */
    private void askToUse(
            String requestId, Ask ask, String tool, ObjectNode input, JsonNode params, String blockedPath) {
        asks.put(requestId, ask);
        toHost.accept(new CliMessage.ControlRequest(
                requestId,
                new CliRequest.CanUseTool(
                        tool,
                        ToolInput.of(input),
                        params.path("itemId").asText(null),
                        params.path("reason").asText(null),
                        blockedPath,
                        List.of())));
    }

    private void request(RpcMessage.Request request) {
        String requestId = "codex-" + request.id().asText();
        JsonNode params = request.params();
        switch (request.method()) {
            case "item/commandExecution/requestApproval" -> {
                ObjectNode input = Json.object();
                input.put(
                        "command", CodexCommandLine.inner(params.path("command").asText("")));
                if (params.path("reason").isTextual()) {
                    input.put("description", params.path("reason").asText());
                }
                askToUse(requestId, new Ask.Command(request.id()), "Bash", input, params, null);
            }
            case "item/fileChange/requestApproval" -> {
                ObjectNode input = Json.object();
                String root = params.path("grantRoot").asText(null);
                input.put("file_path", root != null ? root : settings.cwd().toString());
                askToUse(requestId, new Ask.FileChange(request.id()), "Edit", input, params, root);
            }
            case "item/tool/call" -> {
                asks.put(requestId, new Ask.ToolCall(request.id()));
                String tool = params.path("tool").asText("");
                if (!CodexThreadSettings.NAMESPACE.equals(
                        params.path("namespace").asText(null))) {
                    asks.remove(requestId);
                    toCodex.accept(new RpcMessage.Response(request.id(), toolResult("no such tool: " + tool, false)));
                    return;
                }
                toHost.accept(new CliMessage.ControlRequest(
                        requestId,
                        new CliRequest.McpMessage(
                                McpServer.NAME,
                                new McpRequest.CallTool(request.id(), tool, params.path("arguments")))));
            }
            case "mcpServer/elicitation/request" ->
                // peers-team configures no MCP server for codex; a user's own server's questions are declined
                toCodex.accept(
                        new RpcMessage.Response(request.id(), Json.object().put("action", "decline")));
            default ->
                toCodex.accept(
                        new RpcMessage.Failure(request.id(), -32601, "peers-team does not serve " + request.method()));
        }
    }

    private void notification(String method, JsonNode params) {
        switch (method) {
            case "item/started" -> {
                JsonNode item = params.path("item");
                switch (item.path("type").asText("")) {
                    case "commandExecution" ->
                        toolUse(
                                item,
                                "Bash",
                                Json.object()
                                        .put(
                                                "command",
                                                CodexCommandLine.inner(
                                                        item.path("command").asText(""))));
                    case "fileChange" -> {
                        for (JsonNode change : item.path("changes")) {
                            toolUse(
                                    item,
                                    "Edit",
                                    Json.object()
                                            .put(
                                                    "file_path",
                                                    change.path("path").asText("")));
                        }
                    }
                    default -> {}
                }
            }
            case "item/completed" -> {
                JsonNode item = params.path("item");
                if (item.path("type").asText("").equals("agentMessage")) {
                    String text = item.path("text").asText("");
                    if (!lastText.isEmpty()) {
                        lastText.append('\n');
                    }
                    lastText.append(text);
                    toHost.accept(new CliMessage.Assistant(
                            sessionId,
                            item.path("id").asText(null),
                            List.of(new ContentBlock.Text(text)),
                            null,
                            false));
                }
            }
            case "serverRequest/resolved" -> {
                // codex settled one of its requests itself (its turn ended): the coordinator must not answer it
                String requestId = "codex-" + params.path("requestId").asText();
                if (asks.remove(requestId) != null) {
                    toHost.accept(new CliMessage.ControlCancel(requestId));
                }
            }
            case "turn/completed" -> turnCompleted(params.path("turn"));
            case "error" -> {
                if (!params.path("willRetry").asBoolean(false)) {
                    toHost.accept(new CliMessage.SystemEvent(sessionId, "codex_error", params));
                }
            }
            default -> {}
        }
    }

    /**
     * The HTTP status behind a failed turn, so that the coordinator treats the API's limits (429) and load (529) for
     * a Codex role as for a Claude role: it pauses and retries the turn instead of failing it. Observed on 0.171.0
     * (fixtures/codex-0.171.0/api_limits.jsonl): {@code {"responseTooManyFailedAttempts":{"httpStatusCode":429}}}
     * once codex's own retries are spent, {@code {"httpConnectionFailed":{"httpStatusCode":529}}}; the plain names
     * {@code rateLimitExceeded}, {@code usageLimitExceeded} and {@code serverOverloaded} are from its schema. 0 when
     * there is no status.
     */
    static int httpStatus(JsonNode codexErrorInfo) {
        if (codexErrorInfo.isTextual()) {
            return switch (codexErrorInfo.asText()) {
                case "rateLimitExceeded", "usageLimitExceeded" -> 429;
                case "serverOverloaded" -> 529;
                default -> 0;
            };
        }
        if (codexErrorInfo.isObject() && codexErrorInfo.size() == 1) {
            JsonNode status = codexErrorInfo.elements().next().path("httpStatusCode");
            return status.canConvertToInt() ? status.asInt() : 0;
        }
        return 0;
    }

    private void toolUse(JsonNode item, String name, ObjectNode input) {
        toHost.accept(new CliMessage.Assistant(
                sessionId,
                item.path("id").asText(null),
                List.of(new ContentBlock.ToolUse(item.path("id").asText(""), name, ToolInput.of(input))),
                null,
                false));
    }

    private void turnCompleted(JsonNode turn) {
        if (turnId != null && !turnId.equals(turn.path("id").asText())) {
            return;
        }
        turnId = null;
        String status = turn.path("status").asText("");
        boolean failed = !status.equals("completed");
        List<String> errors = new ArrayList<>();
        JsonNode error = turn.path("error");
        if (failed) {
            errors.add(error.path("message").isTextual() ? error.path("message").asText() : "turn " + status);
        }
        List<HostMessage.UserMessage> queued = List.copyOf(nextTurn);
        nextTurn.clear();
        toHost.accept(new CliMessage.Result(
                sessionId,
                failed ? ResultSubtype.ERROR_DURING_EXECUTION : ResultSubtype.SUCCESS,
                failed,
                lastText.toString(),
                0, // codex reports tokens, not dollars (docs/agents.md)
                1,
                queued.size(),
                status,
                errors,
                List.of(),
                false,
                failed ? httpStatus(error.path("codexErrorInfo")) : 0));
        if (!queued.isEmpty()) {
            startTurn(queued);
        }
    }
}
