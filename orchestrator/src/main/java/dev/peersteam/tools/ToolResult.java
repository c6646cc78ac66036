package dev.peersteam.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peersteam.json.Json;

/** What a team tool returns to the model: JSON text, or an error message the model can act on. */
public record ToolResult(String text, boolean isError) {
    /** {@code value} as JSON (records become objects); the model reads the tool's result as text. */
    public static ToolResult json(Object value) {
        try {
            return new ToolResult(Json.MAPPER.writeValueAsString(value), false);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a tool result that cannot be written as JSON: " + value, e);
        }
    }

    public static ToolResult error(String message) {
        return new ToolResult(message, true);
    }
}
