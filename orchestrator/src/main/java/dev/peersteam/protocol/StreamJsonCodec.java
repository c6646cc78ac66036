package dev.peersteam.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            case "result" ->
                new Result(
                        text(node, "session_id"),
                        text(node, "subtype"),
                        node.path("is_error").asBoolean(false),
                        text(node, "result"),
                        node.path("total_cost_usd").asDouble(0),
                        node.path("num_turns").asInt(0),
                        node.path("queued_turn_count").asInt(0),
                        text(node, "terminal_reason"),
                        strings(node.path("errors")),
                        strings(node.path("user_message_uuids")));
            case "command_lifecycle" ->
                new Lifecycle(text(node, "session_id"), text(node, "command_uuid"), text(node, "state"));
            default -> new Unknown(type, node);
        };
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
            case HostMessage.ControlSuccess success -> {
                out.put("type", "control_response");
                ObjectNode response = out.putObject("response");
                response.put("subtype", "success");
                response.put("request_id", success.requestId());
                response.set("response", success.response() == null ? Json.object() : success.response());
            }
            case HostMessage.ControlError error -> {
                out.put("type", "control_response");
                ObjectNode response = out.putObject("response");
                response.put("subtype", "error");
                response.put("request_id", error.requestId());
                response.put("error", error.error());
            }
        }
        return out.toString();
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
                        request.path("input"),
                        text(request, "tool_use_id"),
                        text(request, "description"),
                        text(request, "blocked_path"),
                        request.path("permission_suggestions"));
            case "mcp_message" -> new CliRequest.McpMessage(required(request, "server_name"), request.path("message"));
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

    private static CliMessage system(JsonNode node) {
        String subtype = node.path("subtype").asText("");
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
                            new ContentBlock.ToolUse(text(block, "id"), text(block, "name"), block.path("input"));
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
