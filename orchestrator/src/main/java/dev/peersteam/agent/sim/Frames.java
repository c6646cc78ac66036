package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the frames the agent writes, with the field names, value types and field order of the real CLI 2.1.328's
 * lines (see {@code fixtures/claude-code-2.1.328/}; the order is odd in places, e.g. {@code result} puts
 * {@code type} in the middle, because the real CLI does). One place for every shape, so tests can hold them against
 * the recordings.
 */
final class Frames {
    /** Milliseconds and a 'Z', as the real CLI writes them (JavaScript's toISOString). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String sessionId;
    private final Path cwd;
    private final Path configDir;

    Frames(String sessionId, Path cwd, Path configDir) {
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.configDir = configDir;
    }

    String sessionId() {
        return sessionId;
    }

    // ---- control channel ----

    ObjectNode controlRequest(String requestId, ObjectNode request) {
        ObjectNode frame = Json.object();
        frame.put("type", "control_request");
        frame.put("request_id", requestId);
        frame.set("request", request);
        return frame;
    }

    ObjectNode controlSuccess(String requestId, JsonNode response) {
        ObjectNode frame = Json.object();
        frame.put("type", "control_response");
        ObjectNode body = frame.putObject("response");
        body.put("subtype", "success");
        body.put("request_id", requestId);
        body.set("response", response);
        return frame;
    }

    /** A success without a payload, as the real CLI answers {@code end_session}. */
    ObjectNode controlSuccess(String requestId) {
        ObjectNode frame = Json.object();
        frame.put("type", "control_response");
        ObjectNode body = frame.putObject("response");
        body.put("subtype", "success");
        body.put("request_id", requestId);
        return frame;
    }

    /** The answer to {@code initialize}: besides the response, the CLI reports requests still waiting for the host. */
    ObjectNode initializeSuccess(String requestId, JsonNode response) {
        ObjectNode frame = controlSuccess(requestId, response);
        ObjectNode body = (ObjectNode) frame.get("response");
        body.putArray("pending_permission_requests");
        body.putArray("pending_user_dialog_requests");
        return frame;
    }

    ObjectNode controlError(String requestId, String error, String errorCode) {
        ObjectNode frame = Json.object();
        frame.put("type", "control_response");
        ObjectNode body = frame.putObject("response");
        body.put("subtype", "error");
        body.put("request_id", requestId);
        body.put("error", error);
        if (errorCode != null) {
            body.put("error_code", errorCode);
        }
        return frame;
    }

    ObjectNode controlCancel(String requestId) {
        ObjectNode frame = Json.object();
        frame.put("type", "control_cancel_request");
        frame.put("request_id", requestId);
        return frame;
    }

    // ---- conversation ----

    ObjectNode lifecycle(String commandUuid, String state) {
        ObjectNode frame = Json.object();
        frame.put("type", "command_lifecycle");
        frame.put("command_uuid", commandUuid);
        frame.put("state", state);
        frame.put("uuid", uuid());
        frame.put("session_id", sessionId);
        return frame;
    }

    ObjectNode init(List<String> tools, ArrayNode mcpServers, String model, String permissionMode) {
        ObjectNode frame = Json.object();
        frame.put("type", "system");
        frame.put("subtype", "init");
        frame.put("cwd", cwd.toString());
        frame.put("session_id", sessionId);
        ArrayNode toolNames = frame.putArray("tools");
        tools.forEach(toolNames::add);
        frame.set("mcp_servers", mcpServers);
        frame.put("model", model);
        frame.put("permissionMode", permissionMode);
        strings(frame.putArray("slash_commands"), SimCatalog.SLASH_COMMANDS);
        frame.putArray("terminal_slash_commands");
        frame.put("apiKeySource", "none");
        frame.put("claude_code_version", SimCatalog.VERSION);
        frame.put("output_style", "default");
        strings(frame.putArray("agents"), SimCatalog.AGENTS);
        frame.putArray("skills");
        frame.putArray("plugins");
        strings(frame.putArray("capabilities"), SimCatalog.INIT_CAPABILITIES);
        frame.put("analytics_disabled", true);
        frame.put("product_feedback_disabled", true);
        frame.put("uuid", uuid());
        frame.putObject("memory_paths")
                .put(
                        "auto",
                        configDir.resolve("projects").resolve(sanitized(cwd)).resolve("memory") + "/");
        frame.put("original_cwd", cwd.toString());
        frame.putArray("additional_directories");
        frame.put("fast_mode_state", "off");
        frame.put("fast_mode_disabled_reason", "sdk_opt_in_required");
        frame.put("per_turn_effort_active", false);
        frame.put("ultrathink_available", false);
        frame.put("ultrathink_typed_raises", false);
        frame.put("view_mode", "default");
        return frame;
    }

    /**
     * One content block of an assistant message; the real CLI writes one frame per block, all with the message's
     * id. {@code toolUseMeta} is for MCP tool calls; {@code userUuids} marks the first frame answering a user
     * message that carried a {@code uuid}.
     */
    ObjectNode assistant(
            String messageId, String model, ObjectNode block, ArrayNode toolUseMeta, List<String> userUuids) {
        ObjectNode frame = Json.object();
        frame.put("type", "assistant");
        ObjectNode message = frame.putObject("message");
        message.put("id", messageId);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content").add(block);
        message.set("stop_reason", NullNode.getInstance());
        message.set("stop_sequence", NullNode.getInstance());
        message.putObject("usage").put("input_tokens", 5).put("output_tokens", 1);
        message.set("context_management", NullNode.getInstance());
        conversationTail(frame);
        if (toolUseMeta != null) {
            frame.set("tool_use_meta", toolUseMeta);
        }
        userUuids(frame, userUuids);
        return frame;
    }

    /** A {@code user} frame carrying one tool result; {@code toolResultMeta} may be null. */
    ObjectNode toolResult(ObjectNode resultBlock, JsonNode toolUseResult, ArrayNode toolResultMeta) {
        ObjectNode frame = Json.object();
        frame.put("type", "user");
        ObjectNode message = frame.putObject("message");
        message.put("role", "user");
        message.putArray("content").add(resultBlock);
        conversationTail(frame);
        frame.set("tool_use_result", toolUseResult);
        if (toolResultMeta != null) {
            frame.set("tool_result_meta", toolResultMeta);
        }
        return frame;
    }

    /** A {@code user} frame with one text block: the interruption markers. */
    ObjectNode userText(String text) {
        ObjectNode frame = Json.object();
        frame.put("type", "user");
        ObjectNode message = frame.putObject("message");
        message.put("role", "user");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        conversationTail(frame);
        return frame;
    }

    ObjectNode permissionDenied(String toolName, String toolUseId, String message) {
        ObjectNode frame = Json.object();
        frame.put("type", "system");
        frame.put("subtype", "permission_denied");
        frame.put("tool_name", toolName);
        frame.put("tool_use_id", toolUseId);
        frame.put("message", message);
        frame.put("uuid", uuid());
        frame.put("session_id", sessionId);
        return frame;
    }

    /** Sent after the permission mode changed. */
    ObjectNode status(String permissionMode) {
        ObjectNode frame = Json.object();
        frame.put("type", "system");
        frame.put("subtype", "status");
        frame.set("status", NullNode.getInstance());
        frame.put("permissionMode", permissionMode);
        frame.put("uuid", uuid());
        frame.put("session_id", sessionId);
        return frame;
    }

    // ---- results ----

    ObjectNode result(TurnReport turn, Ledger ledger) {
        ObjectNode frame = Json.object();
        boolean error = turn.isError();
        frame.put("duration_api_ms", error ? 0 : turn.durationMs());
        if (turn.stopReason() == null) {
            frame.set("stop_reason", NullNode.getInstance());
        } else {
            frame.put("stop_reason", turn.stopReason());
        }
        frame.put("session_id", sessionId);
        frame.put("total_cost_usd", ledger.totalCost().doubleValue());
        // An interrupt during "streaming" reports the turn's usage as empty, as the real CLI does.
        boolean streamingAborted = turn.terminalReason().equals("aborted_streaming");
        frame.set("usage", streamingAborted ? usage(0, 0) : usage(turn.inputTokens(), turn.outputTokens()));
        frame.set("modelUsage", modelUsage(ledger.byModelInOrder()));
        frame.set("permission_denials", turn.permissionDenials());
        frame.put("terminal_reason", turn.terminalReason());
        frame.put("fast_mode_state", "off");
        frame.put("fast_mode_disabled_reason", "sdk_opt_in_required");
        frame.set("subagent_stats", subagentStats());
        frame.put("safety_stops", 0);
        frame.put("is_error", error);
        frame.put("num_turns", turn.numTurns());
        frame.put("subtype", error ? "error_during_execution" : "success");
        if (error) {
            frame.putArray("errors")
                    .add("[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=" + turn.stopReason());
        } else {
            frame.set("api_error_status", NullNode.getInstance());
            frame.put("result", turn.resultText());
            frame.put("ttft_ms", 1);
        }
        frame.put("type", "result");
        frame.put("duration_ms", turn.durationMs());
        frame.put("uuid", uuid());
        if (!error) {
            frame.put("ttft_stream_ms", 1);
            frame.put("time_to_request_ms", 0);
            frame.put("first_content_frame_ms", 1);
        }
        if (!turn.userUuids().isEmpty()) {
            userUuids(frame, turn.userUuids());
            if (!error) {
                frame.put("request_sent_wall_ms", Instant.now().toEpochMilli());
                frame.put("first_request_input_tokens", 5);
                frame.put("first_request_cache_read_input_tokens", 0);
            }
        }
        frame.put("queued_turn_count", turn.queuedTurnCount());
        frame.put("result_index", ledger.processResults() - 1);
        frame.set(
                "model_usage_since_last_result",
                modelUsage(Map.of(
                        turn.model(), ModelTotals.ZERO.plus(turn.inputTokens(), turn.outputTokens(), turn.cost()))));
        return frame;
    }

    /** What the real CLI writes, before answering anything, when {@code --resume} names no known session. */
    ObjectNode unknownSession(String resumeId) {
        ObjectNode frame = Json.object();
        frame.put("type", "result");
        frame.put("subtype", "error_during_execution");
        frame.put("duration_ms", 0);
        frame.put("duration_api_ms", 0);
        frame.put("is_error", true);
        frame.put("num_turns", 0);
        frame.set("stop_reason", NullNode.getInstance());
        frame.put("session_id", resumeId);
        frame.put("total_cost_usd", 0);
        frame.set("usage", usage(0, 0));
        frame.putObject("modelUsage");
        frame.putArray("permission_denials");
        frame.put("uuid", uuid());
        frame.putArray("errors").add("No conversation found with session ID: " + resumeId);
        frame.put("result_index", 0);
        return frame;
    }

    // ---- parts ----

    private void conversationTail(ObjectNode frame) {
        frame.set("parent_tool_use_id", NullNode.getInstance());
        frame.put("session_id", sessionId);
        frame.put("uuid", uuid());
        frame.put("timestamp", TIMESTAMP.format(Instant.now()));
    }

    private static void userUuids(ObjectNode frame, List<String> userUuids) {
        if (userUuids != null && !userUuids.isEmpty()) {
            frame.put("user_message_uuid", userUuids.getFirst());
            strings(frame.putArray("user_message_uuids"), userUuids);
        }
    }

    /** The real CLI writes an all-zero usage (no API call finished) with another field order. */
    private static ObjectNode usage(long inputTokens, long outputTokens) {
        ObjectNode usage = Json.object();
        if (inputTokens == 0 && outputTokens == 0) {
            usage.putObject("output_tokens_details").put("thinking_tokens", 0);
        }
        usage.put("input_tokens", inputTokens);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", outputTokens);
        if (!usage.has("output_tokens_details")) {
            usage.putObject("output_tokens_details").put("thinking_tokens", 0);
        }
        usage.putObject("server_tool_use").put("web_search_requests", 0).put("web_fetch_requests", 0);
        usage.put("service_tier", "standard");
        usage.putObject("cache_creation").put("ephemeral_1h_input_tokens", 0).put("ephemeral_5m_input_tokens", 0);
        usage.put("inference_geo", "");
        usage.putArray("iterations");
        usage.put("speed", "standard");
        usage.set("fallback_credit", NullNode.getInstance());
        return usage;
    }

    private static ObjectNode modelUsage(Map<String, ModelTotals> byModel) {
        ObjectNode usage = Json.object();
        byModel.forEach((model, totals) -> {
            ObjectNode entry = usage.putObject(model);
            entry.put("inputTokens", totals.inputTokens());
            entry.put("outputTokens", totals.outputTokens());
            if (totals.restored()) {
                entry.put("thinkingTokens", 0);
                entry.put("cacheReadInputTokens", 0);
                entry.put("cacheCreationInputTokens", 0);
                entry.put("cacheCreationEphemeral5mInputTokens", 0);
                entry.put("cacheCreationEphemeral1hInputTokens", 0);
                entry.put("webSearchRequests", 0);
                entry.put("costUSD", totals.costUsd().doubleValue());
                entry.put("contextWindow", 200000);
                entry.put("maxOutputTokens", 32000);
            } else {
                entry.put("cacheReadInputTokens", 0);
                entry.put("cacheCreationInputTokens", 0);
                entry.put("webSearchRequests", 0);
                entry.put("costUSD", totals.costUsd().doubleValue());
                entry.put("contextWindow", 200000);
                entry.put("maxOutputTokens", 32000);
                entry.put("thinkingTokens", 0);
                entry.put("cacheCreationEphemeral5mInputTokens", 0);
                entry.put("cacheCreationEphemeral1hInputTokens", 0);
            }
            entry.put("canonicalModel", model);
            entry.put("provider", "firstParty");
            entry.put("costBasis", "list");
        });
        return usage;
    }

    private static ObjectNode subagentStats() {
        ObjectNode stats = Json.object();
        stats.put("spawned", 0);
        stats.putObject("requested").put("background", 0).put("foreground", 0).put("unset", 0);
        stats.put("started_in_background", 0);
        stats.put("max_depth", 0);
        stats.put("spawned_by_subagents", 0);
        stats.put("completed", 0);
        stats.put("failed", 0);
        stats.putObject("killed").put("parent", 0).put("user", 0).put("system", 0);
        stats.putObject("refused")
                .put("depth_limit", 0)
                .put("concurrency_limit", 0)
                .put("budget", 0);
        stats.putObject("by_type");
        return stats;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** The real CLI's project directory name for a cwd: every character other than a letter or digit becomes '-'. */
    static String sanitized(Path cwd) {
        return cwd.toString().replaceAll("[^a-zA-Z0-9]", "-");
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
