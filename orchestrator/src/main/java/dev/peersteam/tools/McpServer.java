package dev.peersteam.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.json.Json;
import dev.peersteam.overlap.PathPattern;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.protocol.McpRequest;
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
        /** Answer now. */
        record Reply(McpReply reply) implements Outcome {}

        /** Run the tool, then answer with {@link #result}. */
        record Call(JsonNode id, ToolCall call) implements Outcome {}
    }

    private final TeamToolCatalog catalog;

    public McpServer(TeamToolCatalog catalog) {
        this.catalog = catalog;
    }

    public Outcome handle(McpRequest request) {
        return switch (request) {
            case McpRequest.Initialize init ->
                new Outcome.Reply(new McpReply.Initialized(
                        init.id(),
                        init.protocolVersion() == null ? PROTOCOL_VERSION : init.protocolVersion(),
                        NAME,
                        "1.0.0"));
            // A notification (e.g. notifications/initialized): the control channel still wants an answer.
            case McpRequest.Notification notification -> new Outcome.Reply(new McpReply.Empty(null));
            case McpRequest.ListTools list ->
                new Outcome.Reply(new McpReply.ToolList(list.id(), catalog.definitions()));
            case McpRequest.Ping ping -> new Outcome.Reply(new McpReply.Empty(ping.id()));
            case McpRequest.Other other ->
                new Outcome.Reply(new McpReply.Error(
                        other.id(), McpReply.Error.METHOD_NOT_FOUND, "method not found: " + other.method()));
            case McpRequest.CallTool call -> call(call.id(), call.name(), call.arguments());
        };
    }

    /** The JSON-RPC answer carrying a tool's result. */
    public static McpReply result(JsonNode id, ToolResult result) {
        return new McpReply.ToolResult(id, result.text(), result.isError());
    }

    /** The JSON-RPC answer for a message to a server other than {@code peers}. */
    public static McpReply unknownServer(McpRequest request, String serverName) {
        JsonNode id = switch (request) {
            case McpRequest.Initialize r -> r.id();
            case McpRequest.ListTools r -> r.id();
            case McpRequest.CallTool r -> r.id();
            case McpRequest.Ping r -> r.id();
            case McpRequest.Other r -> r.id();
            case McpRequest.Notification r -> null;
        };
        return new McpReply.Error(
                id, McpReply.Error.METHOD_NOT_FOUND, "no SDK MCP server named '" + serverName + "' here");
    }

    private Outcome call(JsonNode id, String name, JsonNode json) {
        try {
            return new Outcome.Call(id, toolCall(name, json));
        } catch (IllegalArgumentException e) {
            return new Outcome.Reply(result(id, ToolResult.error(e.getMessage())));
        }
    }

    /** @throws IllegalArgumentException with the message for the model */
    private static ToolCall toolCall(String name, JsonNode json) {
        return switch (name) {
            case "send_message" -> {
                var args = bind(json, ToolArguments.SendMessage.class, name);
                String to = blankToNull(args.to());
                if (to == null || args.text() == null || args.text().isBlank()) {
                    throw new IllegalArgumentException(
                            "send_message needs both 'to' (a role name, \"all\" or \"human\") and a non-empty 'text'");
                }
                yield new ToolCall.SendMessage(to, args.text());
            }
            case "list_peers" -> new ToolCall.ListPeers();
            case "get_board" -> new ToolCall.GetBoard();
            case "create_task" -> {
                var args = bind(json, ToolArguments.CreateTask.class, name);
                if (args.title() == null || args.title().isBlank()) {
                    throw new IllegalArgumentException("create_task needs a 'title'");
                }
                yield new ToolCall.CreateTask(
                        args.title(),
                        args.details(),
                        blankToNull(args.assignee()),
                        args.dependsOn() == null ? List.of() : List.copyOf(args.dependsOn()));
            }
            case "update_task" -> {
                var args = bind(json, ToolArguments.UpdateTask.class, name);
                if (args.id() == null || args.id().isBlank()) {
                    throw new IllegalArgumentException(
                            "update_task needs the task's 'id' (e.g. \"T3\"); get_board lists them");
                }
                yield new ToolCall.UpdateTask(
                        args.id(), blankToNull(args.status()), blankToNull(args.note()), blankToNull(args.assignee()));
            }
            case "claim_files" -> {
                var args = bind(json, ToolArguments.Paths.class, name);
                List<String> paths = paths(args.paths(), name);
                String reason = blankToNull(args.reason());
                if (reason == null) {
                    throw new IllegalArgumentException("claim_files needs a 'reason': what you are doing there, for"
                            + " whoever else wants to change these paths");
                }
                yield new ToolCall.ClaimFiles(paths, reason);
            }
            case "release_files" ->
                new ToolCall.ReleaseFiles(
                        paths(bind(json, ToolArguments.Paths.class, name).paths(), name));
            case "merge" -> {
                var args = bind(json, ToolArguments.Merge.class, name);
                String role = blankToNull(args.role());
                if (role == null) {
                    throw new IllegalArgumentException("merge needs the 'role' whose branch to merge (see list_peers)");
                }
                yield new ToolCall.Merge(role, blankToNull(args.into()));
            }
            default -> throw new IllegalArgumentException("unknown team tool '" + name + "'");
        };
    }

    /** The model's arguments in the tool's own record; a wrong shape is an error the model can fix. */
    private static <T extends ToolArguments> T bind(JsonNode json, Class<T> type, String tool) {
        if (json == null || json.isMissingNode() || json.isNull()) {
            json = Json.object();
        }
        try {
            return Json.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(
                    tool + ": the arguments do not fit its schema (" + why + "); see the tool's description", e);
        }
    }

    /**
     * The {@code paths} argument of claim_files / release_files: a non-empty array of relative paths or patterns (a
     * single string is taken as one), each checked and normalised, duplicates dropped.
     *
     * @throws IllegalArgumentException with the message for the model
     */
    private static List<String> paths(List<JsonNode> given, String tool) {
        List<JsonNode> items = given == null ? List.of() : given;
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
