package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.peersteam.json.Json;

/**
 * What a tool call gave back, in the two forms the real CLI reports: {@code content} for the model's
 * {@code tool_result} block (text, or MCP content blocks) and {@code toolUseResult}, the frame's
 * {@code tool_use_result} (tool-specific: Bash's stdout/stderr, MCP's blocks, "Error: …" text for failures).
 */
record ToolOutcome(boolean isError, JsonNode content, JsonNode toolUseResult) {

    static ToolOutcome ok(JsonNode content, JsonNode toolUseResult) {
        return new ToolOutcome(false, content, toolUseResult);
    }

    static ToolOutcome error(JsonNode content, String toolUseResult) {
        return new ToolOutcome(true, content, TextNode.valueOf(toolUseResult));
    }

    /** The {@code tool_result} block, with the key order the real CLI uses for each case. */
    ObjectNode block(String toolUseId) {
        ObjectNode block = Json.object();
        if (isError) {
            block.put("type", "tool_result");
            block.set("content", content);
            block.put("is_error", true);
            block.put("tool_use_id", toolUseId);
            return block;
        }
        block.put("tool_use_id", toolUseId);
        block.put("type", "tool_result");
        block.set("content", content);
        if (content.isTextual()) {
            block.put("is_error", false); // built-in tools say so; MCP results (content blocks) do not
        }
        return block;
    }
}
