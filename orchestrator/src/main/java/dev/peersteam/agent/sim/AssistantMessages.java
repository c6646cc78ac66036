package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import java.util.List;
import java.util.UUID;

/**
 * Writes a turn's assistant output the way the real CLI streams a model's replies: one {@code assistant} frame per
 * content block, the blocks of one API message sharing its {@code message.id}. A tool call ends its message (the
 * model stops for the tool result), so text after a tool result starts a new message; the number of messages is
 * the result's {@code num_turns}.
 */
final class AssistantMessages {
    private final FrameWriter writer;
    private final Frames frames;
    private final String model;
    private final MessageIds ids;
    private List<String> userUuids;
    private String openMessageId;
    private int messageCount;
    private int blockIndex;
    private String lastText;

    /** Message ids unique to the process (a random tag) and in order within it. */
    static final class MessageIds {
        private final String processTag = UUID.randomUUID().toString().substring(0, 8);
        private int next = 1;

        String next() {
            return String.format("%s_%03d", processTag, next++);
        }
    }

    AssistantMessages(FrameWriter writer, Frames frames, String model, MessageIds ids, List<String> userUuids) {
        this.writer = writer;
        this.frames = frames;
        this.model = model;
        this.ids = ids;
        this.userUuids = userUuids;
    }

    void text(String text) {
        open();
        writer.write(frames.assistant(
                "msg_sim_" + openMessageId,
                model,
                Json.object().put("type", "text").put("text", text),
                null,
                takeUserUuids()));
        blockIndex++;
        lastText = text;
    }

    /**
     * Writes a {@code tool_use} block and returns its id ({@code toolu_sim_…}); the message ends with it.
     * {@code mcpServer} and {@code mcpTool} are set for MCP tools, whose frames carry {@code tool_use_meta} (only
     * the display name when the server does not offer the tool).
     */
    String toolUse(String name, JsonNode input, String mcpServer, String mcpTool, boolean offered) {
        open();
        String id = "toolu_sim_" + openMessageId + "_" + blockIndex;
        ObjectNode block = Json.object();
        block.put("type", "tool_use");
        block.put("id", id);
        block.put("name", name);
        block.set("input", input);
        ArrayNode meta = null;
        if (mcpServer != null) {
            meta = Json.MAPPER.createArrayNode();
            ObjectNode entry = meta.addObject().put("id", id).put("display_name", SimCatalog.displayName(mcpTool));
            if (offered) {
                entry.put("server_display_name", mcpServer).put("tool_name", mcpTool);
            }
        }
        writer.write(frames.assistant("msg_sim_" + openMessageId, model, block, meta, takeUserUuids()));
        openMessageId = null;
        lastText = null;
        return id;
    }

    /** Ends the turn's output with text, as a model always does: {@code fallback} if the last block was not text. */
    void finish(String fallback) {
        if (openMessageId == null) {
            text(fallback);
        }
    }

    int messageCount() {
        return messageCount;
    }

    String lastText() {
        return lastText;
    }

    private void open() {
        if (openMessageId == null) {
            openMessageId = ids.next();
            messageCount++;
            blockIndex = 0;
        }
    }

    /** The first frame answering a user message with a uuid says so (the real CLI's {@code user_message_uuid}). */
    private List<String> takeUserUuids() {
        List<String> uuids = userUuids;
        userUuids = List.of();
        return uuids;
    }
}
