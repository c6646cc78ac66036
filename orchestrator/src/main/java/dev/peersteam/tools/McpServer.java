package dev.peersteam.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.overlap.PathPattern;
import dev.peersteam.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The JSON-RPC side of the {@code peers} SDK MCP server that the CLI reaches through {@code mcp_message} control
 * requests. Pure: it answers the handshake and {@code tools/list} itself and turns {@code tools/call} into a
 * {@link ToolCall} for the coordinator, which owns the state the tools act on.
 */
public final class McpServer {
    public static final String NAME = "peers";
    private static final String PROTOCOL_VERSION = "2025-11-25";
    /** The most paths one claim_files / release_files call takes. */
    static final int MAX_PATHS = 200;

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
                result.put(
                        "protocolVersion",
                        message.path("params").path("protocolVersion").asText(PROTOCOL_VERSION));
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
                    yield new Outcome.Reply(
                            result(
                                    id,
                                    ToolResult.error(
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
                yield new Outcome.Call(
                        id,
                        new ToolCall.CreateTask(
                                title,
                                text(args, "details"),
                                blankToNull(text(args, "assignee")),
                                List.copyOf(dependsOn)));
            }
            case "update_task" -> {
                String taskId = text(args, "id");
                if (taskId == null || taskId.isBlank()) {
                    yield new Outcome.Reply(result(
                            id,
                            ToolResult.error("update_task needs the task's 'id' (e.g. \"T3\"); get_board lists them")));
                }
                yield new Outcome.Call(
                        id,
                        new ToolCall.UpdateTask(
                                taskId,
                                blankToNull(text(args, "status")),
                                blankToNull(text(args, "note")),
                                blankToNull(text(args, "assignee"))));
            }
            case "claim_files" -> {
                String reason = blankToNull(text(args, "reason"));
                List<String> paths;
                try {
                    paths = paths(args, "claim_files");
                } catch (IllegalArgumentException e) {
                    yield new Outcome.Reply(result(id, ToolResult.error(e.getMessage())));
                }
                if (reason == null) {
                    yield new Outcome.Reply(result(
                            id,
                            ToolResult.error("claim_files needs a 'reason': what you are "
                                    + "doing there, for whoever else wants to change these paths")));
                }
                yield new Outcome.Call(id, new ToolCall.ClaimFiles(paths, reason));
            }
            case "release_files" -> {
                try {
                    yield new Outcome.Call(id, new ToolCall.ReleaseFiles(paths(args, "release_files")));
                } catch (IllegalArgumentException e) {
                    yield new Outcome.Reply(result(id, ToolResult.error(e.getMessage())));
                }
            }
            case "merge" -> {
                String role = blankToNull(text(args, "role"));
                if (role == null) {
                    yield new Outcome.Reply(result(
                            id, ToolResult.error("merge needs the 'role' whose branch to merge (see list_peers)")));
                }
                yield new Outcome.Call(id, new ToolCall.Merge(role, blankToNull(text(args, "into"))));
            }
            default -> new Outcome.Reply(result(id, ToolResult.error("unknown team tool '" + name + "'")));
        };
    }

    /**
     * The {@code paths} argument of claim_files / release_files: a non-empty array of relative paths or patterns (a
     * single string is taken as one), each checked and normalised, duplicates dropped.
     *
     * @throws IllegalArgumentException with the message for the model
     */
    private static List<String> paths(JsonNode args, String tool) {
        JsonNode given = args.path("paths");
        List<JsonNode> items = new ArrayList<>();
        if (given.isTextual()) {
            items.add(given); // a model's "src/" for ["src/"]
        } else if (given.isArray()) {
            given.forEach(items::add);
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(tool + " needs 'paths': a list of files or folders relative to the "
                    + "repository, like [\"src/api/\", \"docs/api.md\"]");
        }
        if (items.size() > MAX_PATHS) {
            throw new IllegalArgumentException(tool + " takes at most " + MAX_PATHS + " paths at once; name folders "
                    + "(src/api/) or patterns (src/**/*.ts) instead of every file");
        }
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(tool + ": every path must be a string, not " + item);
            }
            try {
                paths.add(PathPattern.normalize(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(tool + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(paths);
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
