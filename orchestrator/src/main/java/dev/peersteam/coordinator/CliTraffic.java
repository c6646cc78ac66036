package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.coordinator.AckTracker.Status;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.permission.Decision;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.Json;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.ToolCall;
import java.util.Optional;

/**
 * What each CLI says, dispatched: control requests (team tools, permissions), answers to ours, turn starts and
 * ends, lifecycle frames that acknowledge messages, and what people should see (text, tool uses).
 */
final class CliTraffic {
    private final TeamState state;
    private final SessionSupervisor sessions;
    private final ToolDesk tools;
    private final boolean askPeople;

    CliTraffic(TeamState state, SessionSupervisor sessions, ToolDesk tools, boolean askPeople) {
        this.state = state;
        this.sessions = sessions;
        this.tools = tools;
        this.askPeople = askPeople;
    }

    void received(Member member, CliMessage message) {
        switch (message) {
            case CliMessage.ControlRequest(String requestId, CliRequest request) -> {
                member.openRequests.add(requestId);
                controlRequest(member, requestId, request);
            }
            case CliMessage.ControlResponse response -> {
                if (response.requestId().equals(member.initRequestId)) {
                    sessions.initAnswered(member, response);
                } // answers to our interrupts need no action
            }
            case CliMessage.ControlCancel(String requestId) -> {
                member.openRequests.remove(requestId);
                state.acks.forget(member.name(), requestId);
                state.permissions
                        .forget(member.name(), requestId)
                        .forEach(p -> state.events.accept(new TeamEvent.Warning(
                                member.name(), "permission request " + p.id() + " was withdrawn by the session")));
            }
            case CliMessage.KeepAlive keepAlive -> {}
            case CliMessage.SystemInit init -> {
                if (init.sessionId() != null && !init.sessionId().equals(member.sessionId)) {
                    member.sessionId = init.sessionId();
                    state.journal.append(
                            new JournalRecord.SessionStarted(member.name(), init.sessionId(), member.channel.pid()));
                }
                if (member.state == SessionState.IDLE) {
                    state.setState(member, SessionState.BUSY, null);
                }
            }
            case CliMessage.SystemEvent system -> {
                if (system.subtype().equals("permission_denied")) {
                    state.events.accept(new TeamEvent.Warning(
                            member.name(),
                            "the CLI denied " + system.raw().path("tool_name").asText() + ": "
                                    + system.raw().path("message").asText()));
                }
            }
            case CliMessage.Assistant assistant -> {
                if (assistant.parentToolUseId() == null) {
                    assistant.content().forEach(block -> show(member, block));
                }
            }
            case CliMessage.User user -> {}
            case CliMessage.Result result -> sessions.turnEnded(member, result);
            case CliMessage.Lifecycle lifecycle -> lifecycle(member, lifecycle);
            case CliMessage.Unknown unknown -> {
                if (member.unknownTypesSeen.add(unknown.type())) {
                    state.events.accept(new TeamEvent.Warning(
                            member.name(),
                            "ignoring stream-json frames of unknown type '" + unknown.type() + "' (kept in the log)"));
                }
            }
        }
    }

    private void show(Member member, ContentBlock block) {
        switch (block) {
            case ContentBlock.Text(String text)
            when !text.isBlank() -> state.events.accept(new TeamEvent.Said(member.name(), text));
            case ContentBlock.ToolUse use -> {
                member.lastTool = PermissionPolicy.describe(use.name(), use.input());
                state.events.accept(new TeamEvent.ToolUsed(member.name(), member.lastTool));
            }
            default -> {}
        }
    }

    private void lifecycle(Member member, CliMessage.Lifecycle lifecycle) {
        String uuid = lifecycle.commandUuid();
        if (uuid == null) {
            return;
        }
        switch (lifecycle.state()) {
            case "started" -> {
                Optional<Envelope> delivered = state.messenger.lifecycle(member, uuid, "started");
                if (delivered.isPresent()) {
                    if (!delivered.get().from().equals(TaskDesk.BOARD)) {
                        state.desk.forgetReminders(member.name());
                    }
                    if (member.state == SessionState.IDLE) {
                        state.setState(member, SessionState.BUSY, null);
                    }
                    state.acks.settle(uuid, Status.DELIVERED).ifPresent(tools::answerSend);
                }
            }
            // Queued behind a running turn: that is the answer for the sender. Queued on an idle session is only
            // the step before "started", which follows at once.
            case "queued" -> {
                if (member.state == SessionState.BUSY) {
                    state.acks.settle(uuid, Status.QUEUED).ifPresent(tools::answerSend);
                }
            }
            default -> {}
        }
    }

    private void controlRequest(Member member, String requestId, CliRequest request) {
        switch (request) {
            case CliRequest.McpMessage(String server, JsonNode message) -> {
                if (!server.equals(McpServer.NAME)) {
                    state.answerMcp(member, requestId, McpServer.unknownServer(message, server));
                    return;
                }
                switch (state.mcp.handle(message)) {
                    case McpServer.Outcome.Reply(JsonNode reply) -> state.answerMcp(member, requestId, reply);
                    case McpServer.Outcome.Call(JsonNode rpcId, ToolCall call) ->
                        tools.call(member, requestId, rpcId, call);
                }
            }
            case CliRequest.CanUseTool canUse -> permission(member, requestId, canUse);
            case CliRequest.HookCallback hook -> state.refuse(member, requestId, "peers-team registers no hooks");
            case CliRequest.Other other ->
                state.refuse(member, requestId, "unsupported control request: " + other.subtype());
        }
    }

    /**
     * Every asked call gets exactly one decision, and every decision is shown: allowed and denied here, asked ones
     * when the person answers ({@link PersonDesk}), or as withdrawn when the CLI cancels the request.
     */
    private void permission(Member member, String requestId, CliRequest.CanUseTool request) {
        Decision decision = member.policy.decide(request.toolName(), request.input());
        String summary = PermissionPolicy.describe(request.toolName(), request.input());
        String shown = null;
        if (decision instanceof Decision.Ask ask) {
            if (askPeople) {
                PermissionDesk.Pending pending = state.permissions.open(member.name(), requestId, request, summary);
                state.events.accept(new TeamEvent.PermissionAsked(member.name(), pending.id(), summary, ask.why()));
                return;
            }
            decision = member.policy.headlessDefault(ask);
            shown = ask.why() + " Nobody to ask (headless).";
        }
        ObjectNode body = Json.object();
        switch (decision) {
            case Decision.Allow(String reason) -> {
                body.put("behavior", "allow");
                body.set("updatedInput", request.input());
                state.events.accept(new TeamEvent.PermissionDecided(member.name(), summary, true, reason, null));
            }
            case Decision.Deny(String message) -> {
                body.put("behavior", "deny");
                body.put("message", message);
                state.events.accept(new TeamEvent.PermissionDecided(
                        member.name(), summary, false, shown != null ? shown : message, null));
            }
            case Decision.Ask ask -> throw new IllegalStateException("resolved above");
        }
        state.answer(member, requestId, body);
    }
}
