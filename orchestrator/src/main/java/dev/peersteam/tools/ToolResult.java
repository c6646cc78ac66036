package dev.peersteam.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** What a team tool returns to the model: JSON text, or an error message the model can act on. */
public record ToolResult(String text, boolean isError) {
    public static ToolResult json(JsonNode value) {
        return new ToolResult(value.toString(), false);
    }

    public static ToolResult error(String message) {
        return new ToolResult(message, true);
    }
}
