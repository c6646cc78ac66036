package dev.peersteam.coordinator;

import dev.peersteam.board.BoardCommand;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.TeamEvent;
import dev.peersteam.coordinator.AckTracker.Status;
import dev.peersteam.tools.ToolCall;
import dev.peersteam.tools.ToolResult;
import java.time.Duration;
import java.util.List;

/**
 * The team tools, carried out: messages, peers, the board, file claims and the lead's merge. Every call holds a
 * {@link ToolReply}; a call that fails for a reason of ours (a bug, a git job that failed) is answered with an error
 * the model can act on, never left open.
 */
final class ToolDesk {
    /** How long a sender waits for the target's CLI to acknowledge a message before it is told "sent". */
    static final Duration ACK_DEADLINE = Duration.ofSeconds(5);

    private final TeamState state;
    private final WorkWatch work;

    ToolDesk(TeamState state, WorkWatch work) {
        this.state = state;
        this.work = work;
    }

    void call(ToolReply reply, ToolCall call) {
        try {
            carryOut(reply, call);
        } catch (RuntimeException e) {
            state.events.accept(new TeamEvent.Warning(
                    reply.caller().name(),
                    "internal error in " + call.getClass().getSimpleName() + ": " + e));
            reply.fail("the team tool", "the coordinator hit an internal error (" + e.getMessage() + ")");
        }
    }

    private void carryOut(ToolReply reply, ToolCall call) {
        Member caller = reply.caller();
        switch (call) {
            case ToolCall.ListPeers listPeers -> reply.send(ToolResult.json(peers(caller)));
            case ToolCall.SendMessage(String to, String text) -> send(reply, Address.parse(to), text);
            case ToolCall.GetBoard getBoard -> reply.send(ToolResult.json(BoardView.of(state.desk.board())));
            case ToolCall.CreateTask create ->
                reply.send(state.desk.execute(
                        new BoardCommand.Create(
                                create.title(), create.details(), create.assignee(), create.dependsOn(), caller.name()),
                        caller.name()));
            case ToolCall.UpdateTask update -> reply.send(updateTask(caller.name(), update));
            case ToolCall.ClaimFiles claim -> reply.send(work.claim(caller, claim.paths(), claim.reason()));
            case ToolCall.ReleaseFiles release -> reply.send(work.release(caller, release.paths()));
            case ToolCall.Merge merge -> {
                if (!caller.spec.lead()) {
                    reply.send(ToolResult.error("only the lead ("
                            + state.team.lead().name() + ") merges branches; ask it with send_message"));
                } else {
                    work.merge(merge.role(), merge.into(), reply);
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

    private void send(ToolReply reply, Address to, String text) {
        Member sender = reply.caller();
        List<Member> recipients;
        switch (to) {
            case Address.Human human -> {
                Envelope envelope = state.messenger.toHuman(sender.name(), text);
                reply.send(ToolResult.json(DeliveryReport.toHuman(envelope.id())));
                return;
            }
            case Address.All all -> {
                recipients = state.members.values().stream()
                        .filter(m -> m != sender && m.takesMessages())
                        .toList();
                if (recipients.isEmpty()) {
                    reply.send(ToolResult.error(
                            "nobody else is running in team " + state.team.name() + "; the message was not sent"));
                    return;
                }
            }
            case Address.Role(String name) -> {
                Member target = state.members.get(name);
                if (target == sender) {
                    reply.send(ToolResult.error("'" + name + "' is you; send_message is for the other roles: "
                            + String.join(", ", state.othersThan(sender))));
                    return;
                }
                if (target == null) {
                    reply.send(ToolResult.error("unknown role '" + name + "'; the roles are "
                            + String.join(", ", state.othersThan(sender))
                            + " (or \"all\", or \"human\"). Use list_peers to see them."));
                    return;
                }
                if (!target.takesMessages()) {
                    reply.send(ToolResult.error("not delivered: " + name + " has "
                            + target.state().label()
                            + " and takes no messages" + (target.retired() ? " (" + target.stopReason() + ")" : "")
                            + "; tell the human (to: \"human\") if this blocks you"));
                    return;
                }
                recipients = List.of(target);
            }
        }
        AckTracker.Waiter waiter = state.acks.open(
                reply,
                to instanceof Address.All ? Address.ALL : recipients.getFirst().name());
        for (Member target : recipients) {
            Envelope envelope = state.messenger.post(sender.name(), target, text);
            state.acks.expect(waiter, envelope.id(), target.name(), target.ready() ? null : Status.HELD);
        }
        state.acks
                .finishIfComplete(waiter)
                .ifPresentOrElse(
                        this::answerSend,
                        () -> state.timers.schedule(
                                ACK_DEADLINE, () -> state.post.accept(new Event.AckDeadline(waiter.key))));
    }

    /** Answers a {@code send_message} call with what each recipient's CLI said about the message. */
    void answerSend(AckTracker.Waiter waiter) {
        waiter.reply.send(ToolResult.json(DeliveryReport.of(waiter)));
    }

    /** Before {@code member}'s input closes: its sends are answered with what is known so far. */
    void settleSendsOf(Member member) {
        state.acks.expireSender(member.name()).forEach(this::answerSend);
    }

    record Peer(String role, boolean lead, String state, String worktree, String branch, boolean you) {}

    record Peers(String team, String you, List<Peer> peers) {}

    private Peers peers(Member asker) {
        return new Peers(
                state.team.name(),
                asker.name(),
                state.members.values().stream()
                        .map(m -> new Peer(
                                m.name(),
                                m.spec.lead(),
                                m.state().label(),
                                m.worktree.toString(),
                                m.spec.branch(),
                                m == asker))
                        .toList());
    }
}
