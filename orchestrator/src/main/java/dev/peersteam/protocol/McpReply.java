package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON-RPC answer of an SDK MCP server, carried back in a control response's {@code mcp_response}. */
public sealed interface McpReply {
    /** The request's id, echoed; null for the ack of a notification. */
    JsonNode id();

    record Initialized(JsonNode id, String protocolVersion, String serverName, String serverVersion)
            implements McpReply {}

    record ToolList(JsonNode id, java.util.List<McpTool> tools) implements McpReply {
        public ToolList {
            tools = java.util.List.copyOf(tools);
        }
    }

    /** A tool's result: one text block, flagged as an error the model should act on or not. */
    record ToolResult(JsonNode id, String text, boolean isError) implements McpReply {}

    /** An empty result: the answer to a ping, or the ack of a notification. */
    record Empty(JsonNode id) implements McpReply {}

    /** A JSON-RPC error (-32601 unknown method or server, -32603 internal). */
    record Error(JsonNode id, int code, String message) implements McpReply {
        public static final int METHOD_NOT_FOUND = -32601;
        public static final int INTERNAL = -32603;
    }
}
