package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import dev.peersteam.journal.Journal;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.McpReply;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.McpServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the loop owns, shared by the parts that handle its events ({@link SessionSupervisor},
 * {@link CliTraffic}, {@link ToolDesk}, {@link PersonDesk}). Touched by the loop thread only; the helpers here are
 * the few acts all of them need: answer a CLI request exactly once, interrupt a turn.
 */
final class TeamState {
    final TeamSpec team;
    final Map<String, Member> members;
    final Journal journal;
    final HeldEffects effects;
    /** What people see; published with the batch's other effects, after the journal sync. */
    final Consumer<TeamEvent> events;

    final Timers timers;
    /** Posts an internal event back to the loop (timers, background results). */
    final Consumer<Event> post;

    final Messenger messenger;
    final TaskDesk desk;
    final CostLedger costs = new CostLedger();
    final AckTracker acks = new AckTracker();
    final PendingPermissions permissions = new PendingPermissions();
    final McpServer mcp;
    final Pacing pacing;
    private long requestCounter;

    TeamState(
            TeamSpec team,
            Map<String, Member> members,
            Journal journal,
            HeldEffects effects,
            Consumer<TeamEvent> events,
            Timers timers,
            Consumer<Event> post,
            Messenger messenger,
            TaskDesk desk,
            McpServer mcp,
            Pacing pacing) {
        this.team = team;
        this.members = members;
        this.journal = journal;
        this.effects = effects;
        this.events = events;
        this.timers = timers;
        this.post = post;
        this.messenger = messenger;
        this.desk = desk;
        this.mcp = mcp;
        this.pacing = pacing;
    }

    List<String> othersThan(Member member) {
        return members.keySet().stream()
                .filter(name -> !name.equals(member.name()))
                .toList();
    }

    /** A request id of ours, unique in this coordinator's life. */
    String nextRequestId(String purpose, Member member) {
        return purpose + "_" + (++requestCounter) + "_" + member.name();
    }

    void interrupt(Member member) {
        effects.send(
                member.channel(),
                new HostMessage.ControlRequest(nextRequestId("interrupt", member), new HostRequest.Interrupt()));
    }

    /** Sends the one answer a CLI request gets; a second answer, or one to a cancelled request, is dropped. */
    void answer(Member member, HostMessage.ControlAnswer answer) {
        if (member.close(answer.requestId()) != null) {
            effects.send(member.channel(), answer);
        }
    }

    /** A handle that answers one team tool call of {@code member} exactly once. */
    ToolReply toolReply(Member member, String requestId, com.fasterxml.jackson.databind.JsonNode rpcId) {
        return new ToolReply(this, member, requestId, rpcId);
    }

    /**
     * Answers every request of {@code member} still open, each as its kind needs: a tool call with an error result, a
     * permission with a deny. Used before a session's input is closed, after which it could get no answer at all.
     */
    void failOpenRequests(Member member, String why) {
        member.openRequests()
                .forEach((requestId, request) -> answer(
                        member,
                        switch (request) {
                            case Member.OpenRequest.ToolCall call ->
                                new HostMessage.McpAnswer(requestId, new McpReply.ToolResult(call.rpcId(), why, true));
                            case Member.OpenRequest.Permission permission ->
                                new HostMessage.PermissionDeny(requestId, why, false);
                            case Member.OpenRequest.Other other -> new HostMessage.ControlError(requestId, why);
                        }));
    }
}
