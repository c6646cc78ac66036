package dev.peersteam.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.journal.Journal;
import dev.peersteam.protocol.HostMessage;
import dev.peersteam.protocol.HostRequest;
import dev.peersteam.protocol.Json;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.McpServer;
import dev.peersteam.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the loop owns, shared by the parts that handle its events ({@link SessionSupervisor},
 * {@link CliTraffic}, {@link ToolDesk}, {@link PersonDesk}). Touched by the loop thread only; the helpers here are
 * the few acts all of them need: answer a CLI request exactly once, change a session's state, interrupt a turn.
 */
final class TeamState {
    final TeamSpec team;
    final Map<String, Member> members;
    final Journal journal;
    final Outbox outbox;
    final Consumer<TeamEvent> events;
    final Timers timers;
    final Consumer<Event> post;
    final Messenger messenger;
    final TaskDesk desk;
    final CostLedger costs = new CostLedger();
    final AckTracker acks = new AckTracker();
    final PermissionDesk permissions = new PermissionDesk();
    final McpServer mcp;
    private long requestCounter;

    TeamState(
            TeamSpec team,
            Map<String, Member> members,
            Journal journal,
            Outbox outbox,
            Consumer<TeamEvent> events,
            Timers timers,
            Consumer<Event> post,
            Messenger messenger,
            TaskDesk desk,
            McpServer mcp) {
        this.team = team;
        this.members = members;
        this.journal = journal;
        this.outbox = outbox;
        this.events = events;
        this.timers = timers;
        this.post = post;
        this.messenger = messenger;
        this.desk = desk;
        this.mcp = mcp;
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

    void setState(Member member, SessionState state, String detail) {
        if (member.state == state && detail == null) {
            return;
        }
        member.state = state;
        events.accept(new TeamEvent.StateChanged(member.name(), state, detail));
    }

    void interrupt(Member member) {
        outbox.add(
                member.channel,
                new HostMessage.ControlRequest(nextRequestId("interrupt", member), new HostRequest.Interrupt()));
    }

    void answer(Member member, String requestId, JsonNode response) {
        sendAnswer(member, requestId, new HostMessage.ControlSuccess(requestId, response));
    }

    void refuse(Member member, String requestId, String error) {
        sendAnswer(member, requestId, new HostMessage.ControlError(requestId, error));
    }

    void answerTool(Member member, String requestId, JsonNode rpcId, ToolResult result) {
        answerMcp(member, requestId, mcp.result(rpcId, result));
    }

    void answerMcp(Member member, String requestId, JsonNode rpc) {
        ObjectNode body = Json.object();
        body.set("mcp_response", rpc);
        answer(member, requestId, body);
    }

    /** Sends the one answer a CLI request gets; a second answer, or one to a cancelled request, is dropped. */
    private void sendAnswer(Member member, String requestId, HostMessage answer) {
        if (member.openRequests.remove(requestId)) {
            outbox.add(member.channel, answer);
        }
    }
}
