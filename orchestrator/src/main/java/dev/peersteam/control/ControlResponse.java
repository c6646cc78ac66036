package dev.peersteam.control;

import java.util.Objects;

/** The one answer to a request: {@link Ok} with a body, or an {@link Error} with a code from the constants below. */
public sealed interface ControlResponse extends ServerLine permits ControlResponse.Ok, ControlResponse.Error {

    /** Success; the body is the reply the request names ({@link ControlRequest.Call#replyType()}). */
    record Ok(ControlReply body) implements ControlResponse {
        public Ok {
            Objects.requireNonNull(body, "body");
        }
    }

    /** A refusal or failure. Codes are strings, not an enum, so a client survives codes newer than itself. */
    record Error(String code, String message) implements ControlResponse {
        /** The line did not parse or a field is missing or malformed. */
        public static final String BAD_REQUEST = "bad_request";
        /** The {@code type} is not one this coordinator knows. */
        public static final String UNKNOWN_REQUEST = "unknown_request";

        public static final String UNKNOWN_ROLE = "unknown_role";
        public static final String UNKNOWN_TASK = "unknown_task";
        /** Refused: another user's connection, or an operation the current state forbids. */
        public static final String NOT_ALLOWED = "not_allowed";

        public static final String CONFLICT = "conflict";
        /** The handler threw or its future failed; the message says what happened. */
        public static final String INTERNAL = "internal";

        public static final String UNSUPPORTED_VERSION = "unsupported_version";
        /** The coordinator is stopping: the request was not (or not in time) handled. */
        public static final String SHUTTING_DOWN = "shutting_down";
        /** A stream's client read too slowly; it was dropped instead of letting events pile up. */
        public static final String SLOW_CONSUMER = "slow_consumer";
        /** The server serves as many connections as it takes; this one was closed at once. Try again later. */
        public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
        /** The connection sent no request within the server's idle timeout and was closed. */
        public static final String IDLE_TIMEOUT = "idle_timeout";

        public Error {
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("an error needs a code");
            }
            message = message == null ? "" : message;
        }
    }
}
