package dev.peersteam.coordinator;

import dev.peersteam.board.BoardCommand;
import dev.peersteam.board.Task;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.CoordinatorInfo;
import dev.peersteam.control.Decided;
import dev.peersteam.control.Interrupted;
import dev.peersteam.control.PendingPermission;
import dev.peersteam.control.PsReply;
import dev.peersteam.control.RoleRow;
import dev.peersteam.control.SentMessage;
import dev.peersteam.control.SentMessages;
import dev.peersteam.control.SessionState;
import dev.peersteam.control.Stopping;
import dev.peersteam.control.TaskView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.control.Usd;
import dev.peersteam.protocol.PermissionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the person asks through the control socket (CLI verbs, console), answered on the loop thread. */
final class PersonDesk {
    private final TeamState state;
    private final SessionSupervisor sessions;
    private final long startedAt;

    PersonDesk(TeamState state, SessionSupervisor sessions, long startedAt) {
        this.state = state;
        this.sessions = sessions;
        this.startedAt = startedAt;
    }

    ControlResponse handle(ControlRequest.Call<?> request) {
        return switch (request) {
            case ControlRequest.Hello hello ->
                ok(new CoordinatorInfo(
                        ProcessHandle.current().pid(),
                        state.team.name(),
                        state.team.repo().toString(),
                        Coordinator.class.getPackage().getImplementationVersion()));
            case ControlRequest.Board board -> ok(BoardView.of(state.desk.board()));
            case ControlRequest.Ps ps -> ok(snapshot());
            case ControlRequest.Assign assign -> assign(assign);
            case ControlRequest.Send send -> send(send);
            case ControlRequest.Interrupt interrupt -> interrupt(interrupt.role());
            case ControlRequest.Down down -> {
                sessions.down(down.keepDirty());
                yield ok(Stopping.now());
            }
            case ControlRequest.Approve approve -> decide(approve.requestId(), true, approve.always(), null);
            case ControlRequest.Deny deny -> decide(deny.requestId(), false, false, deny.reason());
            // Verbs run beside the loop (runtime's ControlBridge); one that reaches the loop has nobody to run it.
            case ControlRequest.Verb verb ->
                new ControlResponse.Error(
                        ControlResponse.Error.UNKNOWN_REQUEST, "this coordinator does not run command lines");
        };
    }

    private ControlResponse assign(ControlRequest.Assign assign) {
        if (!state.members.containsKey(assign.role())) {
            return unknownRole(assign.role());
        }
        return switch (state.desk.run(
                new BoardCommand.Create(assign.text(), null, assign.role(), assign.after(), Address.HUMAN),
                Address.HUMAN)) {
            case TaskDesk.Outcome.Refused refused ->
                new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, refused.message());
            case TaskDesk.Outcome.Changed changed -> ok(TaskView.of(state.desk.board(), changed.task()));
        };
    }

    private ControlResponse send(ControlRequest.Send send) {
        List<Member> targets;
        switch (Address.parse(send.to())) {
            case Address.All all ->
                targets = state.members.values().stream()
                        .filter(Member::takesMessages)
                        .toList();
            case Address.Role(String name)
            when state.members.containsKey(name) -> targets = List.of(state.members.get(name));
            default -> {
                return unknownRole(send.to());
            }
        }
        if (targets.isEmpty()) {
            return new ControlResponse.Error(
                    ControlResponse.Error.CONFLICT, "no role of team " + state.team.name() + " takes messages now");
        }
        for (Member target : targets) {
            if (!target.takesMessages()) {
                return new ControlResponse.Error(
                        ControlResponse.Error.CONFLICT,
                        target.name() + " has " + target.state().label() + " and takes no messages"
                                + (target.retired() ? " (" + target.stopReason() + ")" : ""));
            }
        }
        List<SentMessage> sent = new ArrayList<>();
        for (Member target : targets) {
            Envelope envelope = state.messenger.post(Address.HUMAN, target, send.text());
            sent.add(new SentMessage(
                    target.name(),
                    envelope.id(),
                    target.ready() && !state.messenger.isHeldBack(target)
                            ? SentMessage.Status.SENT
                            : SentMessage.Status.QUEUED));
        }
        return ok(new SentMessages(sent));
    }

    private ControlResponse interrupt(String role) {
        Member member = state.members.get(role);
        if (member == null) {
            return unknownRole(role);
        }
        boolean running = member.state() == SessionState.BUSY;
        if (running) {
            state.interrupt(member);
        }
        return ok(new Interrupted(member.name(), running, member.state()));
    }

    private ControlResponse decide(String id, boolean allow, boolean always, String reason) {
        Optional<PendingPermissions.Pending> found = state.permissions.take(id);
        if (found.isEmpty()) {
            return new ControlResponse.Error(
                    ControlResponse.Error.BAD_REQUEST,
                    "no permission request '" + id
                            + "' is waiting"
                            + (state.permissions.ids().isEmpty()
                                    ? ""
                                    : "; waiting: " + String.join(", ", state.permissions.ids())));
        }
        PendingPermissions.Pending pending = found.get();
        Member member = state.members.get(pending.role());
        String outcome;
        List<String> learned = List.of();
        if (allow) {
            PendingPermissions.Always granted = always
                    ? PendingPermissions.always(pending.request(), member.policy)
                    : new PendingPermissions.Always(List.of(), null);
            learned = granted.rules().stream().map(PermissionRule::toString).toList();
            learned.forEach(member.policy::approveAlways); // exactly what the CLI is told, no wider
            state.answer(member, PendingPermissions.allow(pending, granted.rules()));
            outcome = !always
                    ? "approved"
                    : granted.refused() == null
                            ? "approved always: " + String.join(", ", learned)
                            : "approved once, not always: " + granted.refused();
        } else {
            state.answer(
                    member,
                    PendingPermissions.deny(
                            pending,
                            "denied by the person running the team"
                                    + (reason == null || reason.isBlank() ? "" : ": " + reason)));
            outcome = "denied" + (reason == null ? "" : ": " + reason);
        }
        state.events.accept(new TeamEvent.PermissionDecided(member.name(), pending.summary(), allow, outcome, id));
        return ok(
                allow && always
                        ? new Decided(id, member.name(), true, learned, outcome)
                        : Decided.once(id, member.name(), allow));
    }

    /** What {@code ps} shows: each role's state, task, cost, queue, process and session, and what waits. */
    private PsReply snapshot() {
        List<RoleRow> roles = new ArrayList<>();
        for (Member member : state.members.values()) {
            Optional<Task> task = state.desk.board().currentTaskOf(member.name());
            roles.add(new RoleRow(
                    member.name(),
                    member.spec.lead(),
                    state.messenger.isHeldBack(member) ? SessionState.WAITING : member.state(),
                    state.costs.roleCost(member.name()),
                    usd(member.spec.budgetUsd()),
                    member.mailbox.size(),
                    task.map(Task::id).orElse(null),
                    task.map(Task::title).orElse(null),
                    member.channel() != null && member.state().alive()
                            ? member.channel().pid()
                            : null,
                    member.sessionId(),
                    member.lastTool(),
                    member.stopReason(),
                    state.permissions.waitingFor(member.name()).stream()
                            .map(p -> PendingPermission.of(
                                    p.id(),
                                    p.role(),
                                    p.request().toolName(),
                                    p.summary(),
                                    p.request().input().raw()))
                            .toList(),
                    apiLimits(member.name()),
                    member.spec.onAnotherHost() ? member.spec.host().destination() : null));
        }
        return new PsReply(
                state.team.name(),
                state.costs.teamCost(),
                usd(state.team.budgetUsd()),
                (System.nanoTime() - startedAt) / 1_000_000_000L,
                roles,
                state.pacing
                        .pause()
                        .map(p ->
                                new PsReply.Pause(p.getKey().text, p.getValue().toEpochMilli()))
                        .orElse(null));
    }

    private RoleRow.ApiLimits apiLimits(String role) {
        Pacing.RoleLimits limits = state.pacing.limitsOf(role);
        return limits.retries() == 0 && limits.stoppedTurns() == 0
                ? null
                : new RoleRow.ApiLimits(limits.retries(), limits.stoppedTurns(), limits.lastStatus());
    }

    private static Usd usd(Double dollars) {
        return dollars == null ? null : Usd.ofDollars(dollars);
    }

    private static ControlResponse ok(ControlReply reply) {
        return new ControlResponse.Ok(reply);
    }

    private ControlResponse unknownRole(String role) {
        return new ControlResponse.Error(
                ControlResponse.Error.UNKNOWN_ROLE,
                "team " + state.team.name() + " has no role '" + role + "'; its roles are "
                        + String.join(", ", state.members.keySet()));
    }
}
