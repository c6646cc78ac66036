package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.peersteam.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of one SDK MCP server that lives in the host and is reached through {@code mcp_message} control
 * requests (protocol notes, section 5.4). The handshake has the real CLI's two halves: {@link #initialize} (the MCP
 * {@code initialize} request, which the real CLI sends before it answers the host's {@code initialize}), then
 * {@link #finish} ({@code notifications/initialized} and {@code tools/list}, sent after that answer). A failed
 * handshake marks the server {@code failed} and is retried at the start of the next turn, as the real CLI does.
 *
 * <p>The handshake and calls run on the turn thread; {@link #statusEntry} and {@link #statusDetails} may be read by
 * the stdin reader (for {@code mcp_status}), hence the volatile fields.
 */
final class McpTunnel {
    static final String PROTOCOL_VERSION = "2025-11-25";

    private final String server;
    private final HostRequests host;
    private int nextRpcId;
    private boolean initialized;
    private boolean listsTools;
    private volatile String status = "pending";
    private volatile JsonNode serverInfo;
    private volatile List<String> tools = List.of();

    McpTunnel(String server, HostRequests host) {
        this.server = server;
        this.host = host;
    }

    String server() {
        return server;
    }

    boolean connected() {
        return status.equals("connected");
    }

    /** Both halves of the handshake, for a turn that finds the server not connected. */
    void connect(Waiter waiter) throws TurnAborted {
        initialize(waiter);
        finish(waiter);
    }

    /** First half: the MCP {@code initialize} request. */
    void initialize(Waiter waiter) throws TurnAborted {
        if (connected() || initialized) {
            return;
        }
        ObjectNode message = Json.object();
        message.put("method", "initialize");
        ObjectNode params = message.putObject("params");
        params.put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo")
                .put("name", "claude-code")
                .put("title", "Claude Code")
                .put("description", "Anthropic's agentic coding tool")
                .put("websiteUrl", "https://claude.com/claude-code")
                .put("version", SimCatalog.VERSION);
        message.put("jsonrpc", "2.0");
        message.put("id", nextRpcId++);
        switch (rpc(message, waiter)) {
            case Rpc.Ok(JsonNode result) -> {
                initialized = true;
                listsTools = result.path("capabilities").has("tools");
                serverInfo = result.path("serverInfo");
            }
            case Rpc.Err err -> status = "failed";
        }
    }

    /** Second half: {@code notifications/initialized}, then {@code tools/list} if the server has tools. */
    void finish(Waiter waiter) throws TurnAborted {
        if (connected() || !initialized) {
            return;
        }
        ObjectNode notification = Json.object();
        notification.put("jsonrpc", "2.0");
        notification.put("method", "notifications/initialized");
        waiter.await(host.send(envelope(notification))); // acknowledged, whatever the answer says
        List<String> names = new ArrayList<>();
        if (listsTools) {
            ObjectNode list = Json.object();
            list.put("method", "tools/list");
            list.put("jsonrpc", "2.0");
            list.put("id", nextRpcId++);
            switch (rpc(list, waiter)) {
                case Rpc.Ok(JsonNode result) ->
                    result.path("tools").forEach(t -> names.add(t.path("name").asText()));
                case Rpc.Err err -> {
                    initialized = false;
                    status = "failed";
                    return;
                }
            }
        }
        tools = List.copyOf(names);
        status = "connected";
    }

    boolean hasTool(String tool) {
        return connected() && tools.contains(tool);
    }

    /** Tool names as the model sees them: {@code mcp__<server>__<tool>}. */
    List<String> qualifiedTools() {
        return connected() ? tools.stream().map(this::qualified).toList() : List.of();
    }

    String qualified(String tool) {
        return "mcp__" + server + "__" + tool;
    }

    /** Calls a tool ({@code tools/call}), waiting for the host's answer. */
    ToolOutcome call(String tool, JsonNode arguments, String toolUseId, Waiter waiter) throws TurnAborted {
        if (!hasTool(tool)) {
            String error = "No such tool available: " + qualified(tool);
            return ToolOutcome.error(
                    TextNode.valueOf("<tool_use_error>Error: " + error + "</tool_use_error>"), "Error: " + error);
        }
        int id = nextRpcId++;
        ObjectNode message = Json.object();
        message.put("method", "tools/call");
        ObjectNode params = message.putObject("params");
        params.put("name", tool);
        params.set("arguments", arguments);
        params.putObject("_meta").put("claudecode/toolUseId", toolUseId).put("progressToken", id);
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        return switch (rpc(message, waiter)) {
            case Rpc.Ok(JsonNode result) -> {
                JsonNode content =
                        result.path("content").isArray() ? result.get("content") : Json.MAPPER.createArrayNode();
                String text = text(content);
                yield result.path("isError").asBoolean(false)
                        ? ToolOutcome.error(TextNode.valueOf(text), "Error: " + text)
                        : ToolOutcome.ok(content, content);
            }
            case Rpc.Err(String error) -> ToolOutcome.error(TextNode.valueOf(error), "Error: " + error);
        };
    }

    /** The server's entry in {@code system/init}'s {@code mcp_servers}. */
    ObjectNode statusEntry() {
        return Json.object().put("name", server).put("status", status).put("source", "sdk");
    }

    /** The server's entry in the answer to {@code mcp_status}. */
    ObjectNode statusDetails() {
        ObjectNode entry = Json.object();
        entry.put("name", server);
        entry.put("status", status);
        if (connected() && serverInfo != null && !serverInfo.isMissingNode()) {
            entry.set("serverInfo", serverInfo);
        }
        entry.put("transport", "sdk");
        entry.put("scope", "dynamic");
        entry.put("source", "sdk");
        if (connected()) {
            ArrayNode list = entry.putArray("tools");
            tools.forEach(name -> list.addObject().put("name", name).putObject("annotations"));
        }
        return entry;
    }

    private sealed interface Rpc {
        record Ok(JsonNode result) implements Rpc {}

        record Err(String message) implements Rpc {}
    }

    private Rpc rpc(ObjectNode message, Waiter waiter) throws TurnAborted {
        return switch (waiter.await(host.send(envelope(message)))) {
            case HostAnswer.Success(JsonNode response) -> {
                JsonNode reply = response.path("mcp_response");
                JsonNode error = reply.get("error");
                if (error != null && !error.isNull()) {
                    yield new Rpc.Err("MCP error " + error.path("code").asText("?") + ": "
                            + error.path("message").asText(""));
                }
                yield new Rpc.Ok(reply.path("result"));
            }
            case HostAnswer.Failure(String error) -> new Rpc.Err(error);
        };
    }

    private ObjectNode envelope(ObjectNode message) {
        ObjectNode request = Json.object();
        request.put("subtype", "mcp_message");
        request.put("server_name", server);
        request.set("message", message);
        return request;
    }

    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.has("text")) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }
}
