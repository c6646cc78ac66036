package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC message for an SDK MCP server, as the CLI tunnels it in an {@code mcp_message} control request. The
 * JSON-RPC {@code id} is kept opaque (a number or a string): it only goes back in the answer.
 */
public sealed interface McpRequest {
    /** The handshake; {@code protocolVersion} is the client's, which the answer echoes. */
    record Initialize(JsonNode id, String protocolVersion) implements McpRequest {}

    /** A message without an id (e.g. {@code notifications/initialized}); the control channel still wants an ack. */
    record Notification(String method) implements McpRequest {}

    record ListTools(JsonNode id) implements McpRequest {}

    /** {@code arguments} as the model wrote them; the tools layer binds them to its own records. */
    record CallTool(JsonNode id, String name, JsonNode arguments) implements McpRequest {}

    record Ping(JsonNode id) implements McpRequest {}

    /** A method this server does not implement. */
    record Other(JsonNode id, String method) implements McpRequest {}
}
