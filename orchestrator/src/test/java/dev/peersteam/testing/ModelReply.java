package dev.peersteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the fake model answers to one request: an immutable list of content blocks (text and tool uses), built
 * fluently. The stop reason is {@code tool_use} when there is a tool use, else {@code end_turn}. Message and
 * tool_use ids are assigned by {@link FakeAnthropicApi} ({@code msg_fake_001}, {@code toolu_fake_001_0}, …).
 *
 * <pre>{@code
 * ModelReply.text("Writing it now.").thenToolUse("Write", Map.of("file_path", path, "content", "hi"));
 * ModelReply.toolUse("mcp__peers__send_message", Map.of("to", "bob", "text", "hi")).thenToolUse("Read", Map.of(...));
 * ModelReply.apiError(400, "invalid_request_error", "prompt is too long");
 * }</pre>
 */
public final class ModelReply {
    /** A content block: either text or a tool use (input is a JSON object). */
    public sealed interface Block permits Text, ToolUse {}

    public record Text(String text) implements Block {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    public record ToolUse(String name, ObjectNode input) implements Block {
        public ToolUse {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }
    }

    /**
     * An HTTP error the fake answers instead of a message. {@code retryable} false adds {@code x-should-retry: false}
     * (the CLI gives up at once); true leaves the CLI's own backoff to decide, as the real API does for 429 and 529.
     */
    public record ApiError(int status, String type, String message, boolean retryable) {}

    private final List<Block> blocks;
    private final String stopReason;
    private final ApiError error;
    private final Duration eventDelay;
    private final Map<String, String> headers;

    private ModelReply(List<Block> blocks, String stopReason, ApiError error, Duration eventDelay) {
        this(blocks, stopReason, error, eventDelay, Map.of());
    }

    private ModelReply(
            List<Block> blocks, String stopReason, ApiError error, Duration eventDelay, Map<String, String> headers) {
        this.blocks = List.copyOf(blocks);
        this.stopReason = stopReason;
        this.error = error;
        this.eventDelay = eventDelay;
        this.headers = Map.copyOf(headers);
    }

    /** A reply with one text block. */
    public static ModelReply text(String text) {
        return new ModelReply(List.of(new Text(text)), null, null, Duration.ZERO);
    }

    /**
     * A reply with one tool use. {@code input} is a {@link JsonNode} object, a {@code Map}, a record or anything
     * else Jackson turns into a JSON object.
     */
    public static ModelReply toolUse(String name, Object input) {
        return new ModelReply(List.of(new ToolUse(name, toObject(input))), null, null, Duration.ZERO);
    }

    /**
     * An API error (HTTP {@code status} with {@code {"type":"error","error":{"type":…,"message":…}}} and the header
     * {@code x-should-retry: false}) instead of a message. The header stops the CLI's backoff retries of 429/5xx/529,
     * so the turn ends at once with an {@code is_error} result ({@code "API Error: 529 Overloaded…"}). A 400 is
     * still resent up to 5 times at once with fewer betas / tool search off (observed with 2.1.328), so a script
     * that answers a 400 sees several requests.
     */
    public static ModelReply apiError(int status, String type, String message) {
        return new ModelReply(List.of(), null, new ApiError(status, type, message, false), Duration.ZERO);
    }

    /**
     * A 429 {@code rate_limit_error} as the real API sends it: {@code retry-after} in seconds and the
     * {@code anthropic-ratelimit-*} headers of {@code limit} (add more with {@link #withHeaders}); the CLI retries
     * it with its own backoff.
     */
    public static ModelReply rateLimited(Duration retryAfter, Map<String, String> limit) {
        Map<String, String> headers = new LinkedHashMap<>(limit);
        headers.put("retry-after", Long.toString(Math.max(0, retryAfter.toSeconds())));
        return new ModelReply(
                List.of(),
                null,
                new ApiError(
                        429,
                        "rate_limit_error",
                        "Number of request tokens has exceeded your per-minute rate limit",
                        true),
                Duration.ZERO,
                headers);
    }

    /** A 529 {@code overloaded_error}, which the CLI retries with its own backoff. */
    public static ModelReply overloaded() {
        return new ModelReply(
                List.of(), null, new ApiError(529, "overloaded_error", "Overloaded", true), Duration.ZERO, Map.of());
    }

    /** The same reply (message or error) with these extra response headers, e.g. {@code anthropic-ratelimit-*}. */
    public ModelReply withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ModelReply(blocks, stopReason, error, eventDelay, all);
    }

    /** The extra response headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** This reply followed by a text block. */
    public ModelReply thenText(String text) {
        return withBlock(new Text(text));
    }

    /** This reply followed by a tool use. */
    public ModelReply thenToolUse(String name, Object input) {
        return withBlock(new ToolUse(name, toObject(input)));
    }

    /** The same reply with an explicit stop reason (e.g. {@code max_tokens}) instead of the derived one. */
    public ModelReply withStopReason(String reason) {
        return new ModelReply(blocks, reason, error, eventDelay, headers);
    }

    /**
     * The same reply streamed slowly: the fake sleeps {@code delay} before each SSE event after
     * {@code message_start} (to keep a turn busy, e.g. for interrupt tests).
     */
    public ModelReply streamedSlowly(Duration delay) {
        return new ModelReply(blocks, stopReason, error, delay, headers);
    }

    public List<Block> blocks() {
        return blocks;
    }

    public List<ToolUse> toolUses() {
        return blocks.stream()
                .filter(ToolUse.class::isInstance)
                .map(ToolUse.class::cast)
                .toList();
    }

    /** {@code tool_use} when any block is a tool use, else {@code end_turn} (unless set explicitly). */
    public String stopReason() {
        if (stopReason != null) {
            return stopReason;
        }
        return toolUses().isEmpty() ? "end_turn" : "tool_use";
    }

    /** The error to answer instead of a message, or null. */
    public ApiError error() {
        return error;
    }

    public Duration eventDelay() {
        return eventDelay;
    }

    @Override
    public String toString() {
        if (error != null) {
            return "ModelReply[error " + error + "]";
        }
        return "ModelReply" + blocks + " stop=" + stopReason();
    }

    private ModelReply withBlock(Block block) {
        if (error != null) {
            throw new IllegalStateException("an apiError reply has no content blocks");
        }
        List<Block> next = new ArrayList<>(blocks);
        next.add(block);
        return new ModelReply(next, stopReason, null, eventDelay, headers);
    }

    private static ObjectNode toObject(Object input) {
        JsonNode node = input instanceof JsonNode j ? j : ModelRequest.JSON.valueToTree(input);
        if (node == null || node.isNull()) {
            return ModelRequest.JSON.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("tool input must be a JSON object, got: " + node);
        }
        return object.deepCopy();
    }
}
