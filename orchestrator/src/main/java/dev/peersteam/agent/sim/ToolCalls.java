package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.peersteam.agent.sim.PermissionGate.Verdict;
import dev.peersteam.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Runs one tool call of a turn, after its {@code tool_use} frame: asks the {@link PermissionGate}, runs the tool
 * (built-in tools here, MCP tools through their {@link McpTunnel}) and writes the {@code user} frame with the
 * {@code tool_result}. An abort while it waits is rethrown located in the call, for the turn's aborted frames.
 */
final class ToolCalls {
    /** The text the real CLI gives the model for a call the user rejected by interrupting. */
    static final String REJECTED = "The user doesn't want to proceed with this tool use. The tool use was rejected"
            + " (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and"
            + " wait for the user to tell you how to proceed.";

    private final FrameWriter writer;
    private final Frames frames;
    private final PermissionGate gate;
    private final List<McpTunnel> tunnels;
    private final LocalTools local;

    ToolCalls(FrameWriter writer, Frames frames, PermissionGate gate, List<McpTunnel> tunnels, LocalTools local) {
        this.writer = writer;
        this.frames = frames;
        this.gate = gate;
        this.tunnels = tunnels;
        this.local = local;
    }

    void run(PermissionGate.Call call, Turn turn) throws TurnAborted {
        if (call.mcpServer() != null
                && tunnel(call).filter(t -> t.hasTool(call.mcpTool())).isEmpty()) {
            // The real CLI checks that the tool exists before it asks about permissions.
            String error = "No such tool available: " + call.toolName();
            ToolOutcome outcome = ToolOutcome.error(
                    TextNode.valueOf("<tool_use_error>Error: " + error + "</tool_use_error>"), "Error: " + error);
            writer.write(frames.toolResult(outcome.block(call.toolUseId()), outcome.toolUseResult(), null));
            return;
        }
        try {
            switch (gate.check(call, turn)) {
                case Verdict.Allow(JsonNode input, ObjectNode decision) -> {
                    ToolOutcome outcome = execute(call, input, turn);
                    writer.write(frames.toolResult(
                            outcome.block(call.toolUseId()),
                            outcome.toolUseResult(),
                            meta(call.toolUseId(), decision, null)));
                }
                case Verdict.Deny(String message, boolean askedHost) -> {
                    turn.denied(call.toolName(), call.toolUseId(), call.input());
                    if (!askedHost) {
                        writer.write(frames.permissionDenied(call.toolName(), call.toolUseId(), message));
                    }
                    ObjectNode decision =
                            Json.object().put("decision", "reject").put("source", askedHost ? "user_reject" : "config");
                    rejected(
                            call,
                            message,
                            meta(call.toolUseId(), decision, askedHost ? "permission-rule" : "user-rejected"));
                }
                case Verdict.Failed(String error) -> {
                    ObjectNode decision = Json.object()
                            .put("decision", "reject")
                            .put("source", "config")
                            .put("reason_type", "other");
                    rejected(
                            call,
                            "Tool permission request failed: Error: " + error,
                            meta(call.toolUseId(), decision, "permission-rule"));
                }
                case Verdict.DenyAndStop stop -> {
                    turn.denied(call.toolName(), call.toolUseId(), call.input());
                    throw new TurnAborted(TurnAborted.Cause.INTERRUPT, call.toolUseId());
                }
            }
        } catch (TurnAborted aborted) {
            throw aborted.inTool(call.toolUseId());
        }
    }

    /** The frame for a call that an interrupt stopped: rejected, as the real CLI reports it. */
    void interrupted(String toolUseId) {
        ArrayNode meta = Json.MAPPER.createArrayNode();
        meta.addObject().put("id", toolUseId).put("non_execution_kind", "user-rejected");
        writer.write(frames.toolResult(
                ToolOutcome.error(TextNode.valueOf(REJECTED), "").block(toolUseId),
                TextNode.valueOf("User rejected tool use"),
                meta));
    }

    private ToolOutcome execute(PermissionGate.Call call, JsonNode input, Turn turn) throws TurnAborted {
        if (call.mcpServer() != null) {
            return tunnel(call).orElseThrow().call(call.mcpTool(), input, call.toolUseId(), turn);
        }
        return switch (call.toolName()) {
            case "Bash" -> local.bash(input, turn);
            case "Write" -> local.write(input);
            default -> throw new IllegalArgumentException("the simulated agent has no tool " + call.toolName());
        };
    }

    private Optional<McpTunnel> tunnel(PermissionGate.Call call) {
        return tunnels.stream().filter(t -> t.server().equals(call.mcpServer())).findFirst();
    }

    private void rejected(PermissionGate.Call call, String message, ArrayNode meta) {
        ToolOutcome outcome = ToolOutcome.error(TextNode.valueOf(message), "Error: " + message);
        writer.write(frames.toolResult(outcome.block(call.toolUseId()), outcome.toolUseResult(), meta));
    }

    private static ArrayNode meta(String toolUseId, ObjectNode decision, String nonExecutionKind) {
        ArrayNode meta = Json.MAPPER.createArrayNode();
        ObjectNode entry = meta.addObject().put("id", toolUseId);
        if (nonExecutionKind != null) {
            entry.put("non_execution_kind", nonExecutionKind);
        }
        entry.set("permission_decision", decision);
        return meta;
    }
}
