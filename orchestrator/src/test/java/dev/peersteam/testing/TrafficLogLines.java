package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;
import java.util.List;

/** Records of a role's traffic log ({@code .peers/logs/<role>.jsonl}) that carry a given text everywhere they can. */
public final class TrafficLogLines {
    private TrafficLogLines() {}

    /** The text as a message to the role, an assistant text, a Bash command, a tool result, stderr; as JSONL. */
    public static String carrying(String text) {
        List<JsonNode> records = List.of(
                record(
                        ">",
                        Json.object()
                                .put("type", "user")
                                .set(
                                        "message",
                                        Json.object().put("role", "user").put("content", text))),
                record("<", assistant("msg_1", Json.object().put("type", "text").put("text", text))),
                record(
                        "<",
                        assistant(
                                "msg_2",
                                Json.object()
                                        .put("type", "tool_use")
                                        .put("id", "toolu_1")
                                        .put("name", "Bash")
                                        .set("input", Json.object().put("command", text)))),
                record("<", toolResult(text)),
                Json.object().put("ts", "t").put("dir", "stderr").put("text", text),
                record("<", assistant("msg_3", Json.object().put("type", "text").put("text", "end: " + text))));
        StringBuilder log = new StringBuilder();
        records.forEach(r -> log.append(r).append('\n'));
        return log.toString();
    }

    private static JsonNode record(String dir, JsonNode msg) {
        ObjectNode record = Json.object().put("ts", "t").put("dir", dir);
        record.set("msg", msg);
        return record;
    }

    private static JsonNode assistant(String id, JsonNode block) {
        ObjectNode message = Json.object()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "m");
        message.putArray("content").add(block);
        ObjectNode frame = Json.object().put("type", "assistant");
        frame.set("message", message);
        frame.putNull("parent_tool_use_id");
        return frame.put("session_id", "s").put("uuid", "u-" + id);
    }

    private static JsonNode toolResult(String text) {
        ObjectNode message = Json.object().put("role", "user");
        message.putArray("content")
                .addObject()
                .put("type", "tool_result")
                .put("tool_use_id", "toolu_1")
                .put("content", text)
                .put("is_error", true);
        ObjectNode frame = Json.object().put("type", "user");
        frame.set("message", message);
        frame.putNull("parent_tool_use_id");
        return frame.put("session_id", "s").put("uuid", "u-result");
    }
}
