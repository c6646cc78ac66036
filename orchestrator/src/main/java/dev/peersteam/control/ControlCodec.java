package dev.peersteam.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.protocol.Json;
import java.util.Optional;

/**
 * Control lines to and from JSON, the only place that does it: requests, answers with their reply records, and team
 * events. Every line carries {@code "v":1}. Decoding never throws: whatever a client sends becomes either a request
 * or the {@link ControlResponse.Error} to answer it with, so garbage cannot break the connection loop; what a server
 * sends becomes the answer the client's request names, or a stream line. Stateless apart from an immutable reader;
 * safe to share.
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

    /**
     * One line the server writes. A reply that cannot be written (a bug, never the client's doing) becomes an
     * {@code internal} error line instead, so every request still gets its one answer; an event that cannot be
     * written throws {@link IllegalArgumentException}, and the stream ends with {@code internal}.
     */
    public String encode(ServerLine line) {
        try {
            return write(
                    switch (line) {
                        case ControlResponse.Ok ok -> new OkLine(VERSION, "ok", ok.body());
                        case ControlResponse.Error error ->
                            new ErrorLine(VERSION, "error", error.code(), error.message());
                        case ServerLine.Event event -> new EventLine(VERSION, "event", event.event());
                    });
        } catch (IllegalArgumentException e) {
            if (line instanceof ServerLine.Event) {
                throw e;
            }
            return write(new ErrorLine(
                    VERSION, "error", ControlResponse.Error.INTERNAL, clip("cannot write the answer: " + detail(e))));
        }
    }

    /** The same reply as indented JSON, for people and scripts ({@code ps --json}, {@code board --json}). */
    public String pretty(ControlReply reply) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + reply.getClass().getSimpleName(), e);
        }
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

    /**
     * The answer to a request whose reply is a {@code bodyType}: {@code ok} with that body (a line without a body
     * reads as an empty one), or {@code error}. An event, or a body that is not a {@code bodyType}, is invalid.
     */
    public Decoded<ControlResponse> decodeResponse(String line, Class<? extends ControlReply> bodyType) {
        Decoded<JsonNode> envelope = envelope(line);
        if (envelope instanceof Decoded.Invalid<JsonNode> invalid) {
            return new Decoded.Invalid<>(invalid.error());
        }
        JsonNode node = ((Decoded.Valid<JsonNode>) envelope).value();
        return switch (node.get("type").asText()) {
            case "ok" -> {
                JsonNode body = node.get("body");
                try {
                    yield new Decoded.Valid<>(new ControlResponse.Ok(
                            Json.MAPPER.treeToValue(body == null || body.isNull() ? Json.object() : body, bodyType)));
                } catch (JsonProcessingException | IllegalArgumentException | ArithmeticException e) {
                    yield invalid(
                            ControlResponse.Error.BAD_REQUEST,
                            "unreadable " + bodyType.getSimpleName() + ": " + detail(e));
                }
            }
            case "error" -> {
                Optional<ControlResponse.Error> error = error(node);
                yield error.isPresent() ? new Decoded.Valid<>(error.get()) : errorWithoutCode();
            }
            case "event" -> invalid(ControlResponse.Error.BAD_REQUEST, "an event where an answer was due");
            default -> unknownLine(node);
        };
    }

    /**
     * A line of a stream: an event, an event this side cannot read (of a kind newer than itself: skipped, as the
     * stream goes on), or the error that ends the stream. An {@code ok} is invalid here.
     */
    public Decoded<StreamLine> decodeStreamLine(String line) {
        Decoded<JsonNode> envelope = envelope(line);
        if (envelope instanceof Decoded.Invalid<JsonNode> invalid) {
            return new Decoded.Invalid<>(invalid.error());
        }
        JsonNode node = ((Decoded.Valid<JsonNode>) envelope).value();
        return switch (node.get("type").asText()) {
            case "event" -> {
                JsonNode event = node.get("event");
                if (event == null || !event.isObject()) {
                    yield invalid(ControlResponse.Error.BAD_REQUEST, "event line without an event");
                }
                try {
                    yield new Decoded.Valid<>(new StreamLine.Event(Json.MAPPER.treeToValue(event, TeamEvent.class)));
                } catch (JsonProcessingException | IllegalArgumentException | ArithmeticException e) {
                    yield new Decoded.Valid<>(new StreamLine.Skipped(detail(e)));
                }
            }
            case "error" -> {
                Optional<ControlResponse.Error> error = error(node);
                yield error.isPresent() ? new Decoded.Valid<>(new StreamLine.Ended(error.get())) : errorWithoutCode();
            }
            case "ok" -> invalid(ControlResponse.Error.BAD_REQUEST, "an answer on a stream");
            default -> unknownLine(node);
        };
    }

    private static Optional<ControlResponse.Error> error(JsonNode node) {
        JsonNode code = node.get("code");
        if (code == null || !code.isTextual() || code.asText().isBlank()) {
            return Optional.empty();
        }
        JsonNode message = node.get("message");
        return Optional.of(new ControlResponse.Error(
                code.asText(), message != null && message.isTextual() ? message.asText() : ""));
    }

    private static <T> Decoded<T> errorWithoutCode() {
        return invalid(ControlResponse.Error.BAD_REQUEST, "error line without a code");
    }

    private static <T> Decoded<T> unknownLine(JsonNode node) {
        return invalid(
                ControlResponse.Error.UNKNOWN_REQUEST,
                "unknown line type \"" + clip(node.get("type").asText()) + "\"");
    }

    private static String write(Object line) {
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    // The three kinds of server line, in the key order of the wire: "v" first, then "type".
    private record OkLine(int v, String type, ControlReply body) {}

    private record ErrorLine(int v, String type, String code, String message) {}

    private record EventLine(int v, String type, TeamEvent event) {}

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
