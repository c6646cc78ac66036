package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** One block of a conversation message, as the CLI reports it in {@code assistant} and {@code user} frames. */
public sealed interface ContentBlock {
    record Text(String text) implements ContentBlock {}

    record Thinking(String thinking) implements ContentBlock {}

    record ToolUse(String id, String name, ToolInput input) implements ContentBlock {}

    /** {@code content} is flattened to text: tool results arrive either as a string or as text blocks. */
    record ToolResult(String toolUseId, String content, boolean isError) implements ContentBlock {}

    /** Any block type this host does not interpret (images, documents, ...), kept as it came. */
    record Other(String type, JsonNode raw) implements ContentBlock {}
}
