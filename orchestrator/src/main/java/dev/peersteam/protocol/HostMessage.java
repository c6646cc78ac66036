package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** A line the host writes to the CLI's stdin. */
public sealed interface HostMessage {

    /** A user turn. {@code uuid} makes the CLI report its lifecycle (queued, started, completed). */
    record UserMessage(String uuid, String text) implements HostMessage {}

    record ControlRequest(String requestId, HostRequest request) implements HostMessage {}

    /** The answer to a CLI request. */
    record ControlSuccess(String requestId, JsonNode response) implements HostMessage {}

    record ControlError(String requestId, String error) implements HostMessage {}
}
