package dev.peersteam.agent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.json.Json;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers the host's control requests, on the stdin reader thread so that they are answered even while a turn
 * waits: {@code interrupt}, {@code cancel_async_message}, {@code end_session}, {@code set_permission_mode},
 * {@code set_model}, {@code mcp_status}, and an {@code unsupported_request} error for anything else. {@code initialize} needs the MCP handshake, which waits for
 * the host, so it goes to the turn thread.
 */
final class HostControls {
    private final FrameWriter writer;
    private final Frames frames;
    private final LiveSettings settings;
    private final List<McpTunnel> tunnels;
    private final HostRequests host;
    private final Inbox inbox;
    private final AtomicReference<Turn> current;
    private final Transcript transcript;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    HostControls(
            FrameWriter writer,
            Frames frames,
            LiveSettings settings,
            List<McpTunnel> tunnels,
            HostRequests host,
            Inbox inbox,
            AtomicReference<Turn> current,
            Transcript transcript) {
        this.writer = writer;
        this.frames = frames;
        this.settings = settings;
        this.tunnels = tunnels;
        this.host = host;
        this.inbox = inbox;
        this.current = current;
        this.transcript = transcript;
    }

    void handle(String requestId, JsonNode request) {
        String subtype = request.path("subtype").asText("");
        switch (subtype) {
            case "initialize" -> inbox.add(new Work.Initialize(requestId, request));
            case "interrupt" ->
                interrupt(requestId, request.path("cancel_queued").asBoolean(false));
            case "end_session" -> endSession(requestId);
            case "cancel_async_message" ->
                cancelQueued(requestId, request.path("message_uuid").asText(""));
            case "set_permission_mode" ->
                setPermissionMode(requestId, request.path("mode").asText(""));
            case "set_model" -> {
                JsonNode model = request.get("model");
                String resolved = SimCatalog.resolveModel(model == null || model.isNull() ? null : model.asText());
                settings.model(resolved);
                writer.write(frames.controlSuccess(requestId, Json.object().put("model", resolved)));
            }
            case "mcp_status" -> {
                ObjectNode response = Json.object();
                ArrayNode servers = response.putArray("mcpServers");
                tunnels.forEach(tunnel -> servers.add(tunnel.statusDetails()));
                writer.write(frames.controlSuccess(requestId, response));
            }
            default ->
                writer.write(frames.controlError(
                        requestId, "Unsupported control request subtype: " + subtype, "unsupported_request"));
        }
    }

    /** The host withdrew one of its requests; only a pending {@code initialize} can still be affected. */
    void cancelled(String requestId) {
        cancelled.add(requestId);
    }

    boolean wasCancelled(String requestId) {
        return cancelled.contains(requestId);
    }

    /**
     * Aborts the running turn. Like the real CLI: the agent's open requests are cancelled first, then the interrupt
     * is answered, then the turn writes its aborted frames. Holding the writer makes that order certain: the turn
     * thread, woken by the abort, cannot write before the answer is out.
     */
    private void interrupt(String requestId, boolean cancelQueued) {
        writer.atomically(() -> {
            List<String> dropped = List.of();
            if (cancelQueued) {
                // The real CLI: each one cancelled (and removed in the transcript) before the answer, which lists them.
                dropped = inbox.dropPrompts().stream()
                        .map(prompt -> {
                            transcript.queueOperation("remove", prompt.message().text());
                            return prompt.message().uuid();
                        })
                        .filter(java.util.Objects::nonNull)
                        .toList();
                dropped.forEach(uuid -> writer.write(frames.lifecycle(uuid, "cancelled")));
            }
            Turn turn = current.get();
            if (turn != null) {
                turn.abort(TurnAborted.Cause.INTERRUPT);
                host.cancelAll();
            }
            ObjectNode response = Json.object();
            ArrayNode stillQueued = response.putArray("still_queued");
            inbox.queuedUuids().forEach(stillQueued::add);
            if (cancelQueued) {
                ArrayNode cancelledUuids = response.putArray("cancelled");
                dropped.forEach(cancelledUuids::add);
            }
            writer.write(frames.controlSuccess(requestId, response));
        });
    }

    /**
     * {@code end_session}, as the real CLI does it: answered at once, the running turn aborted as by an interrupt,
     * then the waiting messages {@code discarded} and the process ends (on the turn thread, after the turn).
     */
    private void endSession(String requestId) {
        writer.atomically(() -> {
            writer.write(frames.controlSuccess(requestId));
            inbox.addFirst(new Work.EndSession());
            Turn turn = current.get();
            if (turn != null) {
                turn.abort(TurnAborted.Cause.INTERRUPT);
                host.cancelAll();
            }
        });
    }

    /** {@code cancel_async_message}: withdraws a message still waiting for a turn, as the real CLI does. */
    private void cancelQueued(String requestId, String uuid) {
        writer.atomically(() -> {
            Work.Prompt prompt = inbox.remove(uuid);
            ObjectNode response = Json.object();
            response.put("cancelled", prompt != null);
            if (prompt != null) {
                transcript.queueOperation("dequeue", null);
                writer.write(frames.lifecycle(uuid, "cancelled"));
                response.put("message_uuid", uuid);
            }
            writer.write(frames.controlSuccess(requestId, response));
        });
    }

    private void setPermissionMode(String requestId, String mode) {
        if (!SimOptions.PERMISSION_MODES.contains(mode)) {
            writer.write(frames.controlError(
                    requestId,
                    "Cannot set permission mode: must be one of " + String.join(", ", SimOptions.PERMISSION_MODES),
                    "invalid_mode"));
            return;
        }
        settings.permissionMode(mode);
        writer.atomically(() -> {
            writer.write(frames.controlSuccess(requestId, Json.object().put("mode", mode)));
            writer.write(frames.status(mode));
        });
    }
}
