package dev.peersteam.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.ProtocolException;
import dev.peersteam.protocol.StreamJsonCodec;
import dev.peersteam.protocol.ToolInput;
import java.util.List;
import java.util.Optional;

/**
 * One line of a role's traffic log ({@link TrafficLog}: {@code {"ts":..,"dir":">"|"<","msg":{...}}} or
 * {@code "text"} for what was not JSON), read once, here: what the CLI said goes through the stream-json codec, and
 * of what the host said only what a transcript shows is kept. {@code json} is the line as JSON again, for
 * {@code logs --raw} (written anew, so a damaged line never reaches a terminal as it was).
 */
public record TrafficLine(String json, Content content) {

    /** What the line means for a transcript. */
    public sealed interface Content {}

    /** The host gave the session a prompt (a message, a task, a reminder). */
    public record Prompt(String text) implements Content {}

    /** The host answered a permission request ({@code message}: why it was denied). */
    public record PermissionAnswer(String requestId, boolean allowed, String message) implements Content {}

    /** The host interrupted the turn. */
    public record Interrupt() implements Content {}

    /** A frame from the CLI. */
    public record FromCli(CliMessage message) implements Content {}

    /** A frame from the CLI that the codec cannot read; {@code why} says what is wrong with it. */
    public record Unreadable(String why) implements Content {}

    /** A line the session wrote to stderr. */
    public record Stderr(String text) implements Content {}

    /** Anything else: host frames a transcript does not show, lines that were not JSON. */
    public record Other() implements Content {}

    private static final StreamJsonCodec CODEC = new StreamJsonCodec(); // stateless

    /** The line as a record; empty when it is not a JSON object (a damaged line: skipped). */
    public static Optional<TrafficLine> decode(String line) {
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (record == null || !record.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new TrafficLine(record.toString(), content(record)));
    }

    private static Content content(JsonNode record) {
        String dir = record.path("dir").asText();
        JsonNode msg = record.get("msg");
        if (msg == null) {
            return dir.equals("stderr") ? new Stderr(record.path("text").asText()) : new Other();
        }
        if (!msg.has("type") && (msg.has("method") || msg.has("result") || msg.has("error"))) {
            return jsonRpc(dir.equals(TrafficLog.TO_AGENT), msg);
        }
        if (dir.equals(TrafficLog.TO_AGENT)) {
            return fromHost(msg);
        }
        try {
            return new FromCli(CODEC.decode(msg));
        } catch (ProtocolException e) {
            return new Unreadable(e.getMessage());
        }
    }

    private static Content fromHost(JsonNode msg) {
        return switch (msg.path("type").asText()) {
            case "user" -> {
                JsonNode content = msg.path("message").path("content");
                yield new Prompt(content.isTextual() ? content.asText() : content.toString());
            }
            case "control_response" -> {
                JsonNode response = msg.path("response");
                JsonNode decision = response.path("response");
                yield new PermissionAnswer(
                        response.path("request_id").asText(),
                        decision.path("behavior").asText().equals("allow"),
                        decision.path("message").asText());
            }
            case "control_request" ->
                msg.path("request").path("subtype").asText().equals("interrupt") ? new Interrupt() : new Other();
            default -> new Other();
        };
    }

    /**
     * A line of a Codex role's log, which holds the app server's JSON-RPC (docs/codex-protocol.md): what a transcript
     * shows of it (prompts, interrupts, approvals, the model's text and commands) read as for a Claude role.
     */
    private static Content jsonRpc(boolean fromHost, JsonNode msg) {
        String method = msg.path("method").asText("");
        JsonNode params = msg.path("params");
        if (fromHost) {
            return switch (method) {
                case "turn/start", "turn/steer" ->
                    new Prompt(params.path("input").path(0).path("text").asText(""));
                case "turn/interrupt" -> new Interrupt();
                case "" ->
                    msg.path("result").has("decision")
                            ? new PermissionAnswer(
                                    "codex-" + msg.path("id").asText(),
                                    msg.path("result").path("decision").asText().startsWith("accept"),
                                    "")
                            : new Other();
                default -> new Other();
            };
        }
        JsonNode item = params.path("item");
        String itemType = item.path("type").asText("");
        if (method.equals("item/completed") && itemType.equals("agentMessage")) {
            return new FromCli(new CliMessage.Assistant(
                    params.path("threadId").asText(null),
                    item.path("id").asText(null),
                    List.of(new ContentBlock.Text(item.path("text").asText(""))),
                    null,
                    false));
        }
        if (method.equals("item/started") && itemType.equals("commandExecution")) {
            ObjectNode input = Json.object();
            JsonNode actions = item.path("commandActions");
            input.put(
                    "command",
                    actions.size() == 1
                            ? actions.path(0).path("command").asText("")
                            : item.path("command").asText(""));
            return new FromCli(new CliMessage.Assistant(
                    params.path("threadId").asText(null),
                    item.path("id").asText(null),
                    List.of(new ContentBlock.ToolUse(item.path("id").asText(""), "Bash", ToolInput.of(input))),
                    null,
                    false));
        }
        return new Other();
    }
}
