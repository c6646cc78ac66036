package dev.peersteam.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;

/**
 * Control lines to and from JSON. Every line carries {@code "v":1}. Decoding never throws: whatever a client sends
 * becomes either a request or the {@link ControlResponse.Error} to answer it with, so garbage cannot break the
 * connection loop. Stateless apart from an immutable reader; safe to share.
 */
public final class ControlCodec {
    public static final int VERSION = 1;
    /** The longest request line the server reads by default; a longer one is answered with bad_request, and closed. */
    public static final int MAX_REQUEST_BYTES = 1 << 20;
    /** The longest line a client reads (log entries and board snapshots can be large). */
    public static final int MAX_SERVER_LINE_BYTES = 16 << 20;

    private static final int MAX_DETAIL = 200;

    // "{...} junk" is one malformed line, not a request followed by noise.
    private final ObjectReader reader = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public String encode(ControlRequest request) {
        ObjectNode out = Json.object();
        out.put("v", VERSION);
        out.setAll((ObjectNode) Json.MAPPER.valueToTree(request));
        return out.toString();
    }

    public String encode(ServerLine line) {
        ObjectNode out = Json.object();
        out.put("v", VERSION);
        switch (line) {
            case ControlResponse.Ok ok -> {
                out.put("type", "ok");
                out.set("body", ok.body());
            }
            case ControlResponse.Error error -> {
                out.put("type", "error");
                out.put("code", error.code());
                out.put("message", error.message());
            }
            case ServerLine.Event event -> {
                out.put("type", "event");
                out.set("event", event.event());
            }
        }
        return out.toString();
    }

    public Decoded<ControlRequest> decodeRequest(String line) {
        Decoded<JsonNode> envelope = envelope(line);
        if (envelope instanceof Decoded.Invalid<JsonNode> invalid) {
            return new Decoded.Invalid<>(invalid.error());
        }
        JsonNode node = ((Decoded.Valid<JsonNode>) envelope).value();
        try {
            return new Decoded.Valid<>(Json.MAPPER.treeToValue(node, ControlRequest.class));
        } catch (InvalidTypeIdException e) {
            return invalid(
                    ControlResponse.Error.UNKNOWN_REQUEST,
                    "unknown request type \"" + clip(node.get("type").asText()) + "\"");
        } catch (ValueInstantiationException e) {
            // the records' own validation: the cause says which field
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return invalid(ControlResponse.Error.BAD_REQUEST, clip(String.valueOf(cause.getMessage())));
        } catch (JsonProcessingException | RuntimeException e) {
            return invalid(ControlResponse.Error.BAD_REQUEST, "malformed request: " + detail(e));
        }
    }

    public Decoded<ServerLine> decodeServerLine(String line) {
        Decoded<JsonNode> envelope = envelope(line);
        if (envelope instanceof Decoded.Invalid<JsonNode> invalid) {
            return new Decoded.Invalid<>(invalid.error());
        }
        JsonNode node = ((Decoded.Valid<JsonNode>) envelope).value();
        String type = node.get("type").asText();
        return switch (type) {
            case "ok" -> new Decoded.Valid<>(new ControlResponse.Ok(node.get("body")));
            case "error" -> {
                JsonNode code = node.get("code");
                yield code == null || !code.isTextual() || code.asText().isBlank()
                        ? invalid(ControlResponse.Error.BAD_REQUEST, "error line without a code")
                        : new Decoded.Valid<>(new ControlResponse.Error(
                                code.asText(), node.path("message").asText("")));
            }
            case "event" -> {
                JsonNode event = node.get("event");
                yield event == null || event.isNull()
                        ? invalid(ControlResponse.Error.BAD_REQUEST, "event line without an event")
                        : new Decoded.Valid<>(new ServerLine.Event(event));
            }
            default -> invalid(ControlResponse.Error.UNKNOWN_REQUEST, "unknown line type \"" + clip(type) + "\"");
        };
    }

    /** JSON object, "v" equal to ours, a textual "type"; checked in this order so the error is the first problem. */
    private Decoded<JsonNode> envelope(String line) {
        JsonNode node;
        try {
            node = reader.readTree(line);
        } catch (JsonProcessingException | RuntimeException e) {
            return invalid(ControlResponse.Error.BAD_REQUEST, "not JSON: " + detail(e));
        }
        if (node == null || !node.isObject()) {
            return invalid(ControlResponse.Error.BAD_REQUEST, "expected one JSON object per line");
        }
        JsonNode v = node.get("v");
        if (v == null) {
            return invalid(
                    ControlResponse.Error.BAD_REQUEST,
                    "missing \"v\": every line carries the protocol version (" + VERSION + ")");
        }
        if (!v.isIntegralNumber()) {
            return invalid(ControlResponse.Error.BAD_REQUEST, "\"v\" must be an integer");
        }
        if (!v.canConvertToLong() || v.longValue() != VERSION) {
            return invalid(
                    ControlResponse.Error.UNSUPPORTED_VERSION,
                    "protocol version " + clip(v.asText()) + " is not supported; this side speaks version " + VERSION);
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            return invalid(ControlResponse.Error.BAD_REQUEST, "missing \"type\"");
        }
        return new Decoded.Valid<>(node);
    }

    private static <T> Decoded<T> invalid(String code, String message) {
        return new Decoded.Invalid<>(new ControlResponse.Error(code, message));
    }

    private static String detail(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return clip(message == null ? e.getClass().getSimpleName() : message);
    }

    // Echoing a client's megabyte back in an error line helps nobody.
    private static String clip(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
