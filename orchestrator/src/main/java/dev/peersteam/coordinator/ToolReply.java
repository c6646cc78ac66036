package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.ToolResult;

/**
 * The answer to one team tool call, given exactly once: the first {@link #send} goes to the CLI, any later one is
 * dropped (the request is no longer open). Whoever carries out the call holds this handle — a git job, an
 * acknowledgement wait — so no call depends on a convention to be answered; what is still open when a session must
 * stop is failed by {@link TeamState#failOpenRequests}.
 */
final class ToolReply {
    private final TeamState state;
    private final Member caller;
    private final String requestId;
    private final JsonNode rpcId;

    ToolReply(TeamState state, Member caller, String requestId, JsonNode rpcId) {
        this.state = state;
        this.caller = caller;
        this.requestId = requestId;
        this.rpcId = rpcId;
    }

    Member caller() {
        return caller;
    }

    String requestId() {
        return requestId;
    }

    /** Whether the call still waits for its answer. */
    boolean open() {
        return caller.isOpen(requestId);
    }

    void send(ToolResult result) {
        state.answer(caller, new HostMessage.McpAnswer(requestId, McpServer.result(rpcId, result)));
    }

    /** The call failed for a reason of ours; the model is told in words it can act on. */
    void fail(String what, String why) {
        send(ToolResult.error(
                what + " failed: " + why + ". Try again, or tell the human (to: \"human\") if it keeps" + " failing."));
    }
}
