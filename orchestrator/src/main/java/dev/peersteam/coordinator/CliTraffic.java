package dev.peersteam.coordinator;

import dev.peersteam.control.SessionState;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.coordinator.AckTracker.Status;
import dev.peersteam.journal.JournalRecord;
import dev.peersteam.permission.PermissionPolicy;
import dev.peersteam.permission.Verdict;
import dev.peersteam.protocol.CliMessage;
import dev.peersteam.protocol.CliRequest;
import dev.peersteam.protocol.ContentBlock;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.McpRequest;
import dev.peersteam.tools.McpServer;
import java.util.List;

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
            case CliMessage.ControlRequest(String requestId, CliRequest request) ->
                controlRequest(member, requestId, request);
            case CliMessage.ControlResponse response -> {
                if (member.isInitRequest(response.requestId())) {
                    sessions.initAnswered(member, response);
                } // answers to our interrupts need no action
            }
            case CliMessage.ControlCancel(String requestId) -> {
                member.close(requestId);
                state.acks.forget(member.name(), requestId);
                state.permissions
                        .forget(member.name(), requestId)
                        .forEach(p -> state.events.accept(new TeamEvent.Warning(
                                member.name(), "permission request " + p.id() + " was withdrawn by the session")));
            }
            case CliMessage.KeepAlive keepAlive -> {}
            case CliMessage.SystemInit init -> {
                if (member.sessionIs(init.sessionId())) {
                    state.journal.append(new JournalRecord.SessionStarted(
                            member.name(), init.sessionId(), member.channel().pid()));
                }
                member.turnStarted();
            }
            case CliMessage.PermissionDenied denied ->
                state.events.accept(new TeamEvent.Warning(
                        member.name(), "the CLI denied " + denied.toolName() + ": " + denied.message()));
            case CliMessage.ApiRetry retry -> state.pacing.retrying(member.name(), retry);
            case CliMessage.SystemEvent system -> {}
            case CliMessage.Assistant assistant -> {
                if (assistant.parentToolUseId() == null) {
                    assistant.content().forEach(block -> show(member, block));
                }
            }
            case CliMessage.User user -> {}
            case CliMessage.Result result -> sessions.turnEnded(member, result);
            case CliMessage.Lifecycle lifecycle -> lifecycle(member, lifecycle);
            case CliMessage.Unknown unknown -> {
                if (member.firstUnknownType(unknown.type())) {
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
                member.usedTool(PermissionPolicy.describe(use.name(), use.input()));
                state.events.accept(new TeamEvent.ToolUsed(member.name(), member.lastTool()));
            }
            default -> {}
        }
    }

    /**
     * What the CLI says about one of our messages; each state's meaning is in docs/messaging.md. Delivery is when
     * the session has the message: {@code started}, or {@code completed} with no {@code started} (a resumed session
     * that already held the uuid runs no turn for it, so waiting for {@code started} would wait forever).
     */
    private void lifecycle(Member member, CliMessage.Lifecycle lifecycle) {
        String uuid = lifecycle.commandUuid();
        if (uuid == null) {
            return;
        }
        switch (lifecycle.state()) {
            case QUEUED -> {
                // Behind a running turn: that is the answer for the sender. Queued on an idle session is only the
                // step before "started", which follows at once.
                if (member.state() == SessionState.BUSY) {
                    state.acks.settle(uuid, Status.QUEUED).ifPresent(tools::answerSend);
                }
            }
            case STARTED ->
                state.messenger.taken(member, uuid, "started").ifPresent(envelope -> {
                    if (!envelope.from().equals(TaskDesk.BOARD)) {
                        state.desk.forgetReminders(member.name());
                    }
                    member.startedOn(envelope);
                    state.acks.settle(uuid, Status.DELIVERED).ifPresent(tools::answerSend);
                });
            case COMPLETED ->
                state.messenger
                        .taken(member, uuid, "already had it (completed without starting)")
                        // No turn runs for it; the session stays as it is (idle, unless a turn of its own runs).
                        .ifPresent(envelope ->
                                state.acks.settle(uuid, Status.DELIVERED).ifPresent(tools::answerSend));
            case CANCELLED, DISCARDED ->
                state.messenger
                        .dropped(member, uuid, lifecycle.state().wire())
                        .ifPresentOrElse(
                                failed -> state.acks.settle(uuid, Status.FAILED).ifPresent(tools::answerSend), () -> {
                                    if (member.ready()) {
                                        state.messenger.release(member);
                                    }
                                });
            case REFUSED ->
                state.messenger
                        .refused(member, uuid)
                        .ifPresent(
                                failed -> state.acks.settle(uuid, Status.FAILED).ifPresent(tools::answerSend));
            case UNKNOWN -> {
                if (member.firstUnknownType("command_lifecycle/" + lifecycle.rawState())) {
                    state.events.accept(new TeamEvent.Warning(
                            member.name(),
                            "the CLI reported a message state this coordinator does not know ('" + lifecycle.rawState()
                                    + "'); the message stays on its way"));
                }
            }
        }
    }

    private void controlRequest(Member member, String requestId, CliRequest request) {
        switch (request) {
            case CliRequest.McpMessage(String server, McpRequest message) -> {
                if (!server.equals(McpServer.NAME)) {
                    member.opened(requestId, new Member.OpenRequest.Other());
                    state.answer(
                            member, new HostMessage.McpAnswer(requestId, McpServer.unknownServer(message, server)));
                    return;
                }
                switch (state.mcp.handle(message)) {
                    case McpServer.Outcome.Reply(var reply) -> {
                        member.opened(requestId, new Member.OpenRequest.Other());
                        state.answer(member, new HostMessage.McpAnswer(requestId, reply));
                    }
                    case McpServer.Outcome.Call(var rpcId, var call) -> {
                        member.opened(requestId, new Member.OpenRequest.ToolCall(rpcId));
                        tools.call(state.toolReply(member, requestId, rpcId), call);
                    }
                }
            }
            case CliRequest.CanUseTool canUse -> {
                member.opened(requestId, new Member.OpenRequest.Permission());
                permission(member, requestId, canUse);
            }
            case CliRequest.HookCallback hook -> {
                member.opened(requestId, new Member.OpenRequest.Other());
                state.answer(member, new HostMessage.ControlError(requestId, "peers-team registers no hooks"));
            }
            case CliRequest.Other other -> {
                member.opened(requestId, new Member.OpenRequest.Other());
                state.answer(
                        member,
                        new HostMessage.ControlError(requestId, "unsupported control request: " + other.subtype()));
            }
        }
    }

    /**
     * Every asked call gets exactly one decision, and every decision is shown: allowed and denied here, asked ones
     * when the person answers ({@link PersonDesk}), or as withdrawn when the CLI cancels the request.
     */
    private void permission(Member member, String requestId, CliRequest.CanUseTool request) {
        Verdict decision = member.policy.decide(request.toolName(), request.input());
        String summary = PermissionPolicy.describe(request.toolName(), request.input());
        String shown = null;
        if (decision instanceof Verdict.Ask ask) {
            if (askPeople) {
                PendingPermissions.Pending pending = state.permissions.open(member.name(), requestId, request, summary);
                state.events.accept(new TeamEvent.PermissionAsked(member.name(), pending.id(), summary, ask.why()));
                return;
            }
            decision = member.policy.headlessDefault(ask);
            shown = ask.why() + " Nobody to ask (headless).";
        }
        switch (decision) {
            case Verdict.Allow(String reason) -> {
                state.answer(
                        member,
                        new HostMessage.PermissionAllow(
                                requestId, request.input().raw(), List.of()));
                state.events.accept(new TeamEvent.PermissionDecided(member.name(), summary, true, reason, null));
            }
            case Verdict.Deny(String message) -> {
                state.answer(member, new HostMessage.PermissionDeny(requestId, message, false));
                state.events.accept(new TeamEvent.PermissionDecided(
                        member.name(), summary, false, shown != null ? shown : message, null));
            }
            case Verdict.Ask ask -> throw new IllegalStateException("resolved above");
        }
    }
}
