package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.board.BoardCommand;
import dev.peersteam.board.BoardJson;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.CoordinatorInfo;
import dev.peersteam.protocol.Json;
import dev.peersteam.protocol.PermissionRule;
import java.util.List;
import java.util.Optional;

/** What the person asks through the control socket (CLI verbs, console), answered on the loop thread. */
final class PersonDesk {
    /** The most of a waiting call's input {@code ps} shows whole (as JSON text). */
    static final int MAX_INPUT_CHARS = 32 * 1024;

    private final TeamState state;
    private final SessionSupervisor sessions;
    private final long startedAt;

    PersonDesk(TeamState state, SessionSupervisor sessions, long startedAt) {
        this.state = state;
        this.sessions = sessions;
        this.startedAt = startedAt;
    }

    ControlResponse handle(ControlRequest request) {
        return switch (request) {
            case ControlRequest.Hello hello ->
                new CoordinatorInfo(
                                ProcessHandle.current().pid(),
                                state.team.name(),
                                state.team.repo().toString(),
                                Coordinator.class.getPackage().getImplementationVersion())
                        .toResponse();
            case ControlRequest.Board board -> new ControlResponse.Ok(BoardJson.toJson(state.desk.board()));
            case ControlRequest.Ps ps -> new ControlResponse.Ok(snapshot());
            case ControlRequest.Assign assign -> assign(assign);
            case ControlRequest.Send send -> send(send);
            case ControlRequest.Interrupt interrupt -> interrupt(interrupt.role());
            case ControlRequest.Down down -> {
                sessions.down(down.keepDirty());
                yield new ControlResponse.Ok(Json.object().put("stopping", true));
            }
            case ControlRequest.Approve approve -> decide(approve.requestId(), true, approve.always(), null);
            case ControlRequest.Deny deny -> decide(deny.requestId(), false, false, deny.reason());
            case ControlRequest.Logs logs ->
                new ControlResponse.Error(
                        ControlResponse.Error.UNKNOWN_REQUEST,
                        "logs are read from .peers/logs by the client: peers-team logs ROLE [-f]");
            case ControlRequest.Subscribe subscribe ->
                new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, "subscribe is a stream");
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
            case TaskDesk.Outcome.Changed changed ->
                new ControlResponse.Ok(BoardJson.task(state.desk.board(), changed.task()));
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
        ArrayNode sent = Json.MAPPER.createArrayNode();
        for (Member target : targets) {
            Envelope envelope = state.messenger.post(Address.HUMAN, target, send.text());
            sent.addObject()
                    .put("to", target.name())
                    .put("id", envelope.id())
                    .put("status", target.ready() ? "sent" : "queued");
        }
        ObjectNode body = Json.object();
        body.set("sent", sent);
        return new ControlResponse.Ok(body);
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
        return new ControlResponse.Ok(Json.object()
                .put("role", member.name())
                .put("interrupted", running)
                .put("state", member.state().label()));
    }

    private ControlResponse decide(String id, boolean allow, boolean always, String reason) {
        Optional<PermissionDesk.Pending> found = state.permissions.take(id);
        if (found.isEmpty()) {
            return new ControlResponse.Error(
                    ControlResponse.Error.BAD_REQUEST,
                    "no permission request '" + id
                            + "' is waiting"
                            + (state.permissions.ids().isEmpty()
                                    ? ""
                                    : "; waiting: " + String.join(", ", state.permissions.ids())));
        }
        PermissionDesk.Pending pending = found.get();
        Member member = state.members.get(pending.role());
        String outcome;
        List<String> learned = List.of();
        if (allow) {
            PermissionDesk.Always granted = always
                    ? PermissionDesk.always(pending.request(), member.policy)
                    : new PermissionDesk.Always(List.of(), null);
            learned = granted.rules().stream().map(PermissionRule::toString).toList();
            learned.forEach(member.policy::approveAlways); // exactly what the CLI is told, no wider
            state.answer(member, PermissionDesk.allow(pending, granted.rules()));
            outcome = !always
                    ? "approved"
                    : granted.refused() == null
                            ? "approved always: " + String.join(", ", learned)
                            : "approved once, not always: " + granted.refused();
        } else {
            state.answer(
                    member,
                    PermissionDesk.deny(
                            pending,
                            "denied by the person running the team"
                                    + (reason == null || reason.isBlank() ? "" : ": " + reason)));
            outcome = "denied" + (reason == null ? "" : ": " + reason);
        }
        state.events.accept(new TeamEvent.PermissionDecided(member.name(), pending.summary(), allow, outcome, id));
        ObjectNode body = Json.object().put("id", id).put("role", member.name()).put("allowed", allow);
        if (allow && always) {
            learned.forEach(body.putArray("rules")::add);
            body.put("note", outcome);
        }
        return new ControlResponse.Ok(body);
    }

    /** What {@code ps} shows: each role's state, task, cost, queue, process and session, and what waits. */
    private ObjectNode snapshot() {
        ObjectNode body = Json.object();
        body.put("team", state.team.name())
                .put("cost_usd", state.costs.teamCost())
                .put("uptime_s", (System.nanoTime() - startedAt) / 1_000_000_000L);
        if (state.team.budgetUsd() != null) {
            body.put("budget_usd", state.team.budgetUsd());
        }
        ArrayNode roles = body.putArray("roles");
        for (Member member : state.members.values()) {
            ObjectNode role = roles.addObject();
            role.put("role", member.name())
                    .put("lead", member.spec.lead())
                    .put("state", member.state().label())
                    .put("cost_usd", state.costs.roleCost(member.name()))
                    .put("queued", member.mailbox.size());
            if (member.spec.budgetUsd() != null) {
                role.put("budget_usd", member.spec.budgetUsd());
            }
            state.desk
                    .board()
                    .currentTaskOf(member.name())
                    .ifPresent(t -> role.put("task", t.id()).put("task_title", t.title()));
            if (member.channel() != null && member.state().alive()) {
                role.put("pid", member.channel().pid());
            }
            if (member.sessionId() != null) {
                role.put("session_id", member.sessionId());
            }
            if (member.lastTool() != null) {
                role.put("last_tool", member.lastTool());
            }
            if (member.stopReason() != null) {
                role.put("stopped_because", member.stopReason());
            }
            ArrayNode waiting = role.putArray("permissions");
            state.permissions
                    .waitingFor(member.name())
                    .forEach(p -> withInput(
                            waiting.addObject()
                                    .put("id", p.id())
                                    .put("role", p.role())
                                    .put("tool", p.request().toolName())
                                    .put("summary", p.summary()),
                            p.request().input().raw()));
        }
        return body;
    }

    /**
     * The call's whole input, so a person decides on what will run, not on a one-line summary; an input larger than
     * {@link #MAX_INPUT_CHARS} (a big Write) comes as the start of its JSON, so that {@code ps} stays small.
     */
    private static void withInput(ObjectNode waiting, JsonNode input) {
        String json = input.toString();
        if (json.length() <= MAX_INPUT_CHARS) {
            waiting.set("input", input);
        } else {
            waiting.put("input_excerpt", json.substring(0, MAX_INPUT_CHARS)).put("input_chars", json.length());
        }
    }

    private ControlResponse unknownRole(String role) {
        return new ControlResponse.Error(
                ControlResponse.Error.UNKNOWN_ROLE,
                "team " + state.team.name() + " has no role '" + role + "'; its roles are "
                        + String.join(", ", state.members.keySet()));
    }
}
