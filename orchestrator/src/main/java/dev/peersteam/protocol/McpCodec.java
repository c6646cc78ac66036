package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC for the SDK MCP server the CLI reaches through {@code mcp_message}: requests in, replies out. */
final class McpCodec {
    private McpCodec() {}

    static McpRequest decode(JsonNode message) {
        JsonNode id = message.get("id");
        String method = message.path("method").asText("");
        if (id == null || id.isNull()) {
            return new McpRequest.Notification(method);
        }
        JsonNode params = message.path("params");
        return switch (method) {
            case "initialize" ->
                new McpRequest.Initialize(id, params.path("protocolVersion").asText(null));
            case "tools/list" -> new McpRequest.ListTools(id);
            case "tools/call" -> new McpRequest.CallTool(id, params.path("name").asText(""), params.path("arguments"));
            case "ping" -> new McpRequest.Ping(id);
            default -> new McpRequest.Other(id, method);
        };
    }

    static ObjectNode encode(McpReply reply) {
        ObjectNode node = Json.object();
        node.put("jsonrpc", "2.0");
        if (reply.id() != null) {
            node.set("id", reply.id());
        }
        switch (reply) {
            case McpReply.Initialized init -> {
                ObjectNode result = node.putObject("result");
                result.put("protocolVersion", init.protocolVersion());
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", init.serverName()).put("version", init.serverVersion());
            }
            case McpReply.ToolList list -> {
                var tools = node.putObject("result").putArray("tools");
                for (McpTool tool : list.tools()) {
                    ObjectNode entry =
                            tools.addObject().put("name", tool.name()).put("description", tool.description());
                    entry.set("inputSchema", tool.inputSchema());
                    entry.putObject("_meta").put("anthropic/alwaysLoad", true);
                }
            }
            case McpReply.ToolResult result -> {
                ObjectNode body = node.putObject("result");
                body.putArray("content").addObject().put("type", "text").put("text", result.text());
                body.put("isError", result.isError());
            }
            case McpReply.Empty empty -> node.putObject("result");
            case McpReply.Error error ->
                node.putObject("error").put("code", error.code()).put("message", error.message());
        }
        return node;
    }
}
