package dev.peersteam.tools;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.peersteam.protocol.Json;

/**
 * The JSON-RPC side of the {@code peers} SDK MCP server that the CLI reaches through {@code mcp_message} control
 * requests. Pure: it answers the handshake and {@code tools/list} itself and turns {@code tools/call} into a
 * {@link ToolCall} for the coordinator, which owns the state the tools act on.
 */
public final class McpServer {
    public static final String NAME = "peers";
    private static final String PROTOCOL_VERSION = "2025-11-25";

    /** What to do with one JSON-RPC message. */
    public sealed interface Outcome {
        /** Answer now with this JSON-RPC message. */
        record Reply(JsonNode message) implements Outcome {}

        /** Run the tool, then answer with {@link #result}. */
        record Call(JsonNode id, ToolCall call) implements Outcome {}
    }

    private final TeamToolCatalog catalog;

    public McpServer(TeamToolCatalog catalog) {
        this.catalog = catalog;
    }

    public Outcome handle(JsonNode message) {
        JsonNode id = message.get("id");
        String method = message.path("method").asText("");
        if (id == null || id.isNull()) {
            // A notification (e.g. notifications/initialized): the control channel still wants an answer.
            ObjectNode ack = envelope(null);
            ack.putObject("result");
            return new Outcome.Reply(ack);
        }
        return switch (method) {
            case "initialize" -> {
                ObjectNode reply = envelope(id);
                ObjectNode result = reply.putObject("result");
                result.put("protocolVersion", message.path("params").path("protocolVersion").asText(PROTOCOL_VERSION));
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", NAME).put("version", "1.0.0");
                yield new Outcome.Reply(reply);
            }
            case "tools/list" -> {
                ObjectNode reply = envelope(id);
                reply.putObject("result").set("tools", catalog.definitions());
                yield new Outcome.Reply(reply);
            }
            case "tools/call" -> call(id, message.path("params"));
            case "ping" -> {
                ObjectNode reply = envelope(id);
                reply.putObject("result");
                yield new Outcome.Reply(reply);
            }
            default -> new Outcome.Reply(error(id, -32601, "method not found: " + method));
        };
    }

    /** The JSON-RPC answer carrying a tool's result. */
    public JsonNode result(JsonNode id, ToolResult result) {
        ObjectNode reply = envelope(id);
        ObjectNode body = reply.putObject("result");
        body.putArray("content").addObject().put("type", "text").put("text", result.text());
        body.put("isError", result.isError());
        return reply;
    }

    /** The JSON-RPC answer for a message to a server other than {@code peers}. */
    public static JsonNode unknownServer(JsonNode message, String serverName) {
        return error(message.get("id"), -32601, "no SDK MCP server named '" + serverName + "' here");
    }

    private Outcome call(JsonNode id, JsonNode params) {
        String name = params.path("name").asText("");
        JsonNode args = params.path("arguments");
        return switch (name) {
            case "send_message" -> {
                String to = args.path("to").asText("").strip();
                String text = args.path("text").asText("");
                if (to.isEmpty() || text.isBlank()) {
                    yield new Outcome.Reply(result(id, ToolResult.error(
                            "send_message needs both 'to' (a role name, \"all\" or \"human\") and a non-empty 'text'")));
                }
                yield new Outcome.Call(id, new ToolCall.SendMessage(to, text));
            }
            case "list_peers" -> new Outcome.Call(id, new ToolCall.ListPeers());
            case "get_board" -> new Outcome.Call(id, new ToolCall.GetBoard());
            case "create_task" -> {
                String title = text(args, "title");
                if (title == null || title.isBlank()) {
                    yield new Outcome.Reply(result(id, ToolResult.error("create_task needs a 'title'")));
                }
                List<String> dependsOn = new ArrayList<>();
                for (JsonNode dep : args.path("depends_on")) {
                    dependsOn.add(dep.asText());
                }
                if (args.path("depends_on").isTextual()) {
                    dependsOn.add(args.path("depends_on").asText()); // a model's "T1" for ["T1"]
                }
                yield new Outcome.Call(id, new ToolCall.CreateTask(title, text(args, "details"),
                        blankToNull(text(args, "assignee")), List.copyOf(dependsOn)));
            }
            case "update_task" -> {
                String taskId = text(args, "id");
                if (taskId == null || taskId.isBlank()) {
                    yield new Outcome.Reply(result(id, ToolResult.error(
                            "update_task needs the task's 'id' (e.g. \"T3\"); get_board lists them")));
                }
                yield new Outcome.Call(id, new ToolCall.UpdateTask(taskId, blankToNull(text(args, "status")),
                        blankToNull(text(args, "note")), blankToNull(text(args, "assignee"))));
            }
            default -> new Outcome.Reply(result(id, ToolResult.error("unknown team tool '" + name + "'")));
        };
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode node = Json.object();
        node.put("jsonrpc", "2.0");
        if (id != null) {
            node.set("id", id);
        }
        return node;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode reply = envelope(id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }
}
