package dev.peersteam.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage.Assistant;
import dev.peersteam.protocol.CliMessage.ControlCancel;
import dev.peersteam.protocol.CliMessage.ControlRequest;
import dev.peersteam.protocol.CliMessage.ControlResponse;
import dev.peersteam.protocol.CliMessage.KeepAlive;
import dev.peersteam.protocol.CliMessage.Lifecycle;
import dev.peersteam.protocol.CliMessage.McpServerStatus;
import dev.peersteam.protocol.CliMessage.Result;
import dev.peersteam.protocol.CliMessage.SystemEvent;
import dev.peersteam.protocol.CliMessage.SystemInit;
import dev.peersteam.protocol.CliMessage.Unknown;
import dev.peersteam.protocol.CliMessage.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Host side of the Claude Code stream-json protocol: CLI stdout lines in, host stdin lines out. Stateless. */
public final class StreamJsonCodec {

    /**
     * Decodes one stdout line. Blank lines and lines that do not start with '{' are not protocol traffic (some CLI
     * builds print debug text) and yield empty; a line that starts with '{' but does not parse is an error.
     */
    public Optional<CliMessage> decode(String line) throws ProtocolException {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) != '{') {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("malformed JSON from the CLI: " + e.getOriginalMessage(), e);
        }
        return Optional.of(decode(node));
    }

    public CliMessage decode(JsonNode node) throws ProtocolException {
        String type = node.path("type").asText("");
        return switch (type) {
            case "control_request" -> new ControlRequest(required(node, "request_id"), request(node.path("request")));
            case "control_response" -> response(node.path("response"));
            case "control_cancel_request" -> new ControlCancel(required(node, "request_id"));
            case "keep_alive" -> new KeepAlive();
            case "system" -> system(node);
            case "assistant" ->
                new Assistant(
                        text(node, "session_id"),
                        node.path("message").path("id").asText(null),
                        blocks(node.path("message").path("content")),
                        text(node, "parent_tool_use_id"),
                        node.path("aborted").asBoolean(false));
            case "user" ->
                new User(
                        text(node, "session_id"),
                        blocks(node.path("message").path("content")),
                        text(node, "parent_tool_use_id"),
                        node.path("isReplay").asBoolean(false));
            case "result" -> result(node);
            case "command_lifecycle" -> {
                String state = text(node, "state");
                yield new Lifecycle(
                        text(node, "session_id"), text(node, "command_uuid"), LifecycleState.of(state), state);
            }
            default -> new Unknown(type, node);
        };
    }

    private static Result result(JsonNode node) {
        List<String> errors = strings(node.path("errors"));
        ResultSubtype subtype = ResultSubtype.of(text(node, "subtype"));
        return new Result(
                text(node, "session_id"),
                subtype,
                node.path("is_error").asBoolean(false),
                text(node, "result"),
                node.path("total_cost_usd").asDouble(0),
                node.path("num_turns").asInt(0),
                node.path("queued_turn_count").asInt(0),
                text(node, "terminal_reason"),
                errors,
                strings(node.path("user_message_uuids")),
                sessionNotFound(subtype, node.path("num_turns").asInt(0), errors),
                node.path("api_error_status").asInt(0));
    }

    /**
     * The CLI's only sign that {@code --resume} named a session it does not have: a turnless error result, sent before
     * it answers {@code initialize}, whose error reads "No conversation found with session ID: ..." (observed on
     * 2.1.328). Recognised here so that no one outside the protocol reads the CLI's English.
     */
    private static boolean sessionNotFound(ResultSubtype subtype, int numTurns, List<String> errors) {
        return subtype == ResultSubtype.ERROR_DURING_EXECUTION
                && numTurns == 0
                && errors.stream().anyMatch(e -> e.startsWith("No conversation found"));
    }

    public String encode(HostMessage message) {
        ObjectNode out = Json.object();
        switch (message) {
            case HostMessage.UserMessage user -> {
                out.put("type", "user");
                out.put("session_id", "");
                if (user.uuid() != null) {
                    out.put("uuid", user.uuid());
                }
                ObjectNode inner = out.putObject("message");
                inner.put("role", "user");
                inner.put("content", user.text());
                out.set("parent_tool_use_id", NullNode.getInstance());
            }
            case HostMessage.ControlRequest request -> {
                out.put("type", "control_request");
                out.put("request_id", request.requestId());
                out.set("request", hostRequest(request.request()));
            }
            case HostMessage.ControlAnswer answer -> {
                out.put("type", "control_response");
                ObjectNode response = out.putObject("response");
                if (answer instanceof HostMessage.ControlError error) {
                    response.put("subtype", "error");
                    response.put("request_id", error.requestId());
                    response.put("error", error.error());
                } else {
                    response.put("subtype", "success");
                    response.put("request_id", answer.requestId());
                    response.set("response", answerBody(answer));
                }
            }
        }
        return out.toString();
    }

    /** The {@code response} of a successful answer, in the shapes the CLI takes (protocol notes, 5.2 and 5.4). */
    private static ObjectNode answerBody(HostMessage.ControlAnswer answer) {
        ObjectNode body = Json.object();
        switch (answer) {
            case HostMessage.PermissionAllow allow -> {
                body.put("behavior", "allow");
                body.set("updatedInput", allow.input());
                if (!allow.rememberForSession().isEmpty()) {
                    ObjectNode update = body.putArray("updatedPermissions").addObject();
                    update.put("type", "addRules");
                    var rules = update.putArray("rules");
                    for (PermissionRule rule : allow.rememberForSession()) {
                        ObjectNode entry = rules.addObject().put("toolName", rule.toolName());
                        if (rule.ruleContent() != null) {
                            entry.put("ruleContent", rule.ruleContent());
                        }
                    }
                    update.put("behavior", "allow");
                    update.put("destination", "session"); // never written into the role's settings files
                }
            }
            case HostMessage.PermissionDeny deny -> {
                body.put("behavior", "deny");
                body.put("message", deny.message());
                if (deny.interrupt()) {
                    body.put("interrupt", true);
                }
            }
            case HostMessage.McpAnswer mcp -> body.set("mcp_response", McpCodec.encode(mcp.reply()));
            case HostMessage.ControlError error -> throw new IllegalArgumentException("an error has no body");
        }
        return body;
    }

    private static ObjectNode hostRequest(HostRequest request) {
        ObjectNode body = Json.object();
        body.put("subtype", request.subtype());
        switch (request) {
            case HostRequest.Initialize init -> body.set("hooks", NullNode.getInstance());
            case HostRequest.Interrupt interrupt -> {}
            case HostRequest.SetPermissionMode mode -> body.put("mode", mode.mode());
            case HostRequest.SetModel model -> body.put("model", model.model());
        }
        return body;
    }

    private static CliRequest request(JsonNode request) throws ProtocolException {
        String subtype = request.path("subtype").asText("");
        return switch (subtype) {
            case "can_use_tool" ->
                new CliRequest.CanUseTool(
                        required(request, "tool_name"),
                        ToolInput.of(request.path("input")),
                        text(request, "tool_use_id"),
                        text(request, "description"),
                        text(request, "blocked_path"),
                        suggestedRules(request.path("permission_suggestions")));
            case "mcp_message" ->
                new CliRequest.McpMessage(required(request, "server_name"), McpCodec.decode(request.path("message")));
            case "hook_callback" ->
                new CliRequest.HookCallback(
                        text(request, "callback_id"), request.path("input"), text(request, "tool_use_id"));
            default -> new CliRequest.Other(subtype, request);
        };
    }

    private static ControlResponse response(JsonNode response) throws ProtocolException {
        boolean success = "success".equals(response.path("subtype").asText());
        return new ControlResponse(
                required(response, "request_id"),
                success,
                success ? response.path("response") : null,
                text(response, "error"),
                text(response, "error_code"));
    }

    /** The rules of the CLI's {@code addRules} allow suggestions; other kinds of suggestion are not offered. */
    private static List<PermissionRule> suggestedRules(JsonNode suggestions) {
        List<PermissionRule> rules = new ArrayList<>();
        for (JsonNode suggestion : suggestions) {
            if (!suggestion.path("type").asText().equals("addRules")
                    || !suggestion.path("behavior").asText("allow").equals("allow")) {
                continue;
            }
            for (JsonNode rule : suggestion.path("rules")) {
                String tool = text(rule, "toolName");
                if (tool != null && !tool.isBlank()) {
                    rules.add(new PermissionRule(tool, text(rule, "ruleContent")));
                }
            }
        }
        return List.copyOf(rules);
    }

    private static CliMessage system(JsonNode node) {
        String subtype = node.path("subtype").asText("");
        if (subtype.equals("permission_denied")) {
            return new CliMessage.PermissionDenied(
                    text(node, "session_id"),
                    node.path("tool_name").asText(""),
                    node.path("message").asText(""));
        }
        if (subtype.equals("api_retry")) {
            return new CliMessage.ApiRetry(
                    text(node, "session_id"),
                    node.path("attempt").asInt(0),
                    node.path("max_retries").asInt(0),
                    node.path("retry_delay_ms").asLong(0),
                    node.path("error_status").asInt(0),
                    node.path("error").asText(""));
        }
        if (!subtype.equals("init")) {
            return new SystemEvent(text(node, "session_id"), subtype, node);
        }
        List<McpServerStatus> servers = new ArrayList<>();
        for (JsonNode server : node.path("mcp_servers")) {
            servers.add(new McpServerStatus(text(server, "name"), text(server, "status")));
        }
        return new SystemInit(
                text(node, "session_id"),
                text(node, "model"),
                text(node, "permissionMode"),
                text(node, "cwd"),
                strings(node.path("tools")),
                List.copyOf(servers));
    }

    static List<ContentBlock> blocks(JsonNode content) {
        if (content.isTextual()) {
            return List.of(new ContentBlock.Text(content.asText()));
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            blocks.add(
                    switch (type) {
                        case "text" -> new ContentBlock.Text(block.path("text").asText(""));
                        case "thinking" ->
                            new ContentBlock.Thinking(block.path("thinking").asText(""));
                        case "tool_use" ->
                            new ContentBlock.ToolUse(
                                    text(block, "id"), text(block, "name"), ToolInput.of(block.path("input")));
                        case "tool_result" ->
                            new ContentBlock.ToolResult(
                                    text(block, "tool_use_id"),
                                    flatten(block.path("content")),
                                    block.path("is_error").asBoolean(false));
                        default -> new ContentBlock.Other(type, block);
                    });
        }
        return List.copyOf(blocks);
    }

    /** Tool result content is a string or a list of blocks; only their text matters to a host. */
    private static String flatten(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode node, String field) throws ProtocolException {
        String value = text(node, field);
        if (value == null) {
            throw new ProtocolException("missing '" + field + "' in " + node);
        }
        return value;
    }
}
