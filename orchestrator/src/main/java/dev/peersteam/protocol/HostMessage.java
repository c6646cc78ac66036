package dev.peersteam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A line the host writes to the CLI's stdin. */
public sealed interface HostMessage {

    /** A user turn. {@code uuid} makes the CLI report its lifecycle (queued, started, completed). */
    record UserMessage(String uuid, String text) implements HostMessage {}

    record ControlRequest(String requestId, HostRequest request) implements HostMessage {}

    /** The one answer a CLI control request gets. */
    sealed interface ControlAnswer extends HostMessage {
        String requestId();
    }

    /**
     * Lets a tool call run, with {@code input} as the tool's input (the CLI's own, or a rewritten one).
     * {@code rememberForSession}: rules the CLI adds for the rest of this session only, so that calls like this one
     * are not asked about again; empty for a one-off approval.
     */
    record PermissionAllow(String requestId, JsonNode input, List<PermissionRule> rememberForSession)
            implements ControlAnswer {
        public PermissionAllow {
            rememberForSession = List.copyOf(rememberForSession);
        }
    }

    /**
     * Refuses a tool call; {@code message} reaches the model as the tool's error result, so it says what to do
     * instead. {@code interrupt} also ends the turn.
     */
    record PermissionDeny(String requestId, String message, boolean interrupt) implements ControlAnswer {}

    /** The answer of the SDK MCP server to an {@code mcp_message} request. */
    record McpAnswer(String requestId, McpReply reply) implements ControlAnswer {}

    /** The request failed (e.g. a subtype this host does not serve); the CLI shows {@code error}. */
    record ControlError(String requestId, String error) implements ControlAnswer {}
}
