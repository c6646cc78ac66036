package dev.peersteam.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;

/**
 * One JSON-RPC 2.0 message of the Codex app server (one JSON object per line, no batches, the {@code jsonrpc} member
 * left out as codex does). Ids are kept opaque: codex numbers its own requests, we number ours.
 */
sealed interface RpcMessage {
    /** A request: the peer waits for exactly one {@link Response} or {@link Failure} with the same id. */
    record Request(JsonNode id, String method, JsonNode params) implements RpcMessage {}

    record Notification(String method, JsonNode params) implements RpcMessage {}

    record Response(JsonNode id, JsonNode result) implements RpcMessage {}

    record Failure(JsonNode id, int code, String message) implements RpcMessage {}

    /** A line that is JSON but none of the above. */
    record Malformed(JsonNode raw) implements RpcMessage {}

    static RpcMessage decode(JsonNode node) {
        JsonNode id = node.get("id");
        JsonNode method = node.get("method");
        if (method != null && method.isTextual()) {
            JsonNode params = node.path("params");
            return id == null || id.isNull()
                    ? new Notification(method.asText(), params)
                    : new Request(id, method.asText(), params);
        }
        if (id != null && node.has("result")) {
            return new Response(id, node.get("result"));
        }
        if (id != null && node.path("error").isObject()) {
            JsonNode error = node.get("error");
            return new Failure(
                    id, error.path("code").asInt(), error.path("message").asText(""));
        }
        return new Malformed(node);
    }

    static ObjectNode encode(RpcMessage message) {
        ObjectNode node = Json.object();
        switch (message) {
            case Request(JsonNode id, String method, JsonNode params) -> {
                node.set("id", id);
                node.put("method", method);
                node.set("params", params);
            }
            case Notification(String method, JsonNode params) -> {
                node.put("method", method);
                if (params != null && !params.isMissingNode()) {
                    node.set("params", params);
                }
            }
            case Response(JsonNode id, JsonNode result) -> {
                node.set("id", id);
                node.set("result", result);
            }
            case Failure(JsonNode id, int code, String text) -> {
                node.set("id", id);
                node.putObject("error").put("code", code).put("message", text);
            }
            case Malformed(JsonNode raw) -> throw new IllegalArgumentException("not sent: " + raw);
        }
        return node;
    }
}
