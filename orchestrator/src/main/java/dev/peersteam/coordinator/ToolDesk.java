package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.board.BoardCommand;
import dev.peersteam.board.BoardJson;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.coordinator.AckTracker.Status;
import dev.peersteam.protocol.Json;
import dev.peersteam.tools.ToolCall;
import dev.peersteam.tools.ToolResult;
import java.time.Duration;
import java.util.List;

/** The team tools, carried out: messages, peers, the board, file claims and the lead's merge. */
final class ToolDesk {
    /** How long a sender waits for the target's CLI to acknowledge a message before it is told "sent". */
    static final Duration ACK_DEADLINE = Duration.ofSeconds(5);

    private final TeamState state;
    private final WorkWatch work;

    ToolDesk(TeamState state, WorkWatch work) {
        this.state = state;
        this.work = work;
    }

    void call(Member member, String requestId, JsonNode rpcId, ToolCall call) {
        switch (call) {
            case ToolCall.ListPeers listPeers ->
                state.answerTool(member, requestId, rpcId, ToolResult.json(peers(member)));
            case ToolCall.SendMessage(String to, String text) -> send(member, requestId, rpcId, to, text);
            case ToolCall.GetBoard getBoard ->
                state.answerTool(member, requestId, rpcId, ToolResult.json(BoardJson.toJson(state.desk.board())));
            case ToolCall.CreateTask create ->
                state.answerTool(
                        member,
                        requestId,
                        rpcId,
                        state.desk.execute(
                                new BoardCommand.Create(
                                        create.title(),
                                        create.details(),
                                        create.assignee(),
                                        create.dependsOn(),
                                        member.name()),
                                member.name()));
            case ToolCall.UpdateTask update ->
                state.answerTool(member, requestId, rpcId, updateTask(member.name(), update));
            case ToolCall.ClaimFiles claim ->
                state.answerTool(member, requestId, rpcId, work.claim(member, claim.paths(), claim.reason()));
            case ToolCall.ReleaseFiles release ->
                state.answerTool(member, requestId, rpcId, work.release(member, release.paths()));
            case ToolCall.Merge merge -> {
                if (!member.spec.lead()) {
                    state.answerTool(
                            member,
                            requestId,
                            rpcId,
                            ToolResult.error("only the lead ("
                                    + state.team.lead().name() + ") merges branches; ask it with send_message"));
                } else {
                    work.merge(
                            merge.role(), merge.into(), result -> state.answerTool(member, requestId, rpcId, result));
                }
            }
        }
    }

    private ToolResult updateTask(String actor, ToolCall.UpdateTask update) {
        TaskStatus status;
        try {
            status = update.status() == null ? null : TaskStatus.parse(update.status());
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        return state.desk.execute(
                new BoardCommand.Update(update.id(), status, update.note(), update.assignee(), actor), actor);
    }

    private void send(Member sender, String requestId, JsonNode rpcId, String to, String text) {
        List<String> recipients;
        if (to.equals(Messenger.HUMAN)) {
            Envelope envelope = state.messenger.post(sender.name(), Messenger.HUMAN, text);
            state.answerTool(
                    sender,
                    requestId,
                    rpcId,
                    ToolResult.json(Json.object()
                            .put("status", "delivered")
                            .put("to", Messenger.HUMAN)
                            .put("id", envelope.id())));
            return;
        } else if (to.equals(Messenger.ALL)) {
            recipients = state.members.keySet().stream()
                    .filter(name -> !name.equals(sender.name())
                            && state.members.get(name).state.alive())
                    .toList();
            if (recipients.isEmpty()) {
                state.answerTool(
                        sender,
                        requestId,
                        rpcId,
                        ToolResult.error(
                                "nobody else is running in team " + state.team.name() + "; the message was not sent"));
                return;
            }
        } else if (to.equals(sender.name())) {
            state.answerTool(
                    sender,
                    requestId,
                    rpcId,
                    ToolResult.error("'" + to + "' is you; send_message is for" + " the other roles: "
                            + String.join(", ", state.othersThan(sender))));
            return;
        } else if (!state.members.containsKey(to)) {
            state.answerTool(
                    sender,
                    requestId,
                    rpcId,
                    ToolResult.error("unknown role '" + to + "'; the roles are "
                            + String.join(", ", state.othersThan(sender))
                            + " (or \"all\", or \"human\"). Use list_peers to see them."));
            return;
        } else if (!state.members.get(to).state.alive()) {
            Member target = state.members.get(to);
            state.answerTool(
                    sender,
                    requestId,
                    rpcId,
                    ToolResult.error("not delivered: " + to + " has "
                            + target.state.label() + " and takes no messages; tell the human (to: \"human\") if this"
                            + " blocks you"));
            return;
        } else {
            recipients = List.of(to);
        }
        AckTracker.Waiter waiter = state.acks.open(sender.name(), requestId, rpcId, to);
        for (String recipient : recipients) {
            Member target = state.members.get(recipient);
            Envelope envelope = state.messenger.post(sender.name(), recipient, text);
            state.acks.expect(waiter, envelope.id(), recipient, target.ready() ? null : Status.HELD);
        }
        state.acks
                .finishIfComplete(waiter)
                .ifPresentOrElse(
                        this::answerSend,
                        () -> state.timers.schedule(ACK_DEADLINE, new Event.AckDeadline(waiter.key), state.post));
    }

    /** Answers a {@code send_message} call with what each recipient's CLI said about the message. */
    void answerSend(AckTracker.Waiter waiter) {
        Member sender = state.members.get(waiter.sender);
        if (sender != null && sender.openRequests.contains(waiter.requestId)) {
            state.answerTool(sender, waiter.requestId, waiter.rpcId, ToolResult.json(DeliveryReport.of(waiter)));
        }
    }

    private ObjectNode peers(Member asker) {
        ObjectNode result = Json.object();
        result.put("team", state.team.name()).put("you", asker.name());
        ArrayNode list = result.putArray("peers");
        for (Member member : state.members.values()) {
            list.addObject()
                    .put("role", member.name())
                    .put("lead", member.spec.lead())
                    .put("state", member.state.label())
                    .put("worktree", member.worktree.toString())
                    .put("branch", member.spec.branch())
                    .put("you", member == asker);
        }
        return result;
    }
}
