package dev.peersteam.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.ControlServer;
import dev.peersteam.control.EventSink;
import dev.peersteam.coordinator.TeamEvent;
import dev.peersteam.protocol.Json;
import dev.peersteam.runtime.PeersDir;
import dev.peersteam.runtime.TeamInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A team as the control socket shows it, without a coordinator: a real control server whose answers the test
 * writes, which records every request and pushes the events the test makes up.
 */
final class FakeTeam implements ControlHandler, AutoCloseable {
    final PeersDir peers;
    final TeamInfo info;
    final List<ControlRequest> requests = new CopyOnWriteArrayList<>();
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    /** Counted down when the dashboard has subscribed to the team's events. */
    final CountDownLatch subscribed = new CountDownLatch(1);

    private final ControlServer server;
    volatile String taskTitle = "Build the API";
    volatile String taskStatus = "in_progress";

    FakeTeam(Path repo) throws IOException {
        this.peers = PeersDir.of(repo).create();
        this.info = new TeamInfo(
                "shop",
                repo.resolve("team.yaml").toString(),
                repo.toString(),
                "abc",
                repo.resolve("worktrees").toString(),
                "lead",
                List.of(
                        new TeamInfo.RoleInfo(
                                "lead",
                                true,
                                "peers/lead",
                                repo.resolve("worktrees/lead").toString()),
                        new TeamInfo.RoleInfo(
                                "backend",
                                false,
                                "peers/backend",
                                repo.resolve("worktrees/backend").toString())));
        info.write(peers.teamInfo());
        this.server = ControlServer.start(peers.socket(), this);
    }

    @Override
    public CompletionStage<ControlResponse> handle(ControlRequest request) {
        requests.add(request);
        return CompletableFuture.completedFuture(
                switch (request) {
                    case ControlRequest.Ps ps -> new ControlResponse.Ok(ps());
                    case ControlRequest.Board board -> new ControlResponse.Ok(board());
                    case ControlRequest.Approve approve ->
                        approve.requestId().equals("p1")
                                ? new ControlResponse.Ok(Json.object()
                                        .put("id", "p1")
                                        .put("role", "backend")
                                        .put("allowed", true))
                                : new ControlResponse.Error(
                                        ControlResponse.Error.BAD_REQUEST, "no permission request is waiting");
                    case ControlRequest.Send send -> {
                        ObjectNode body = Json.object();
                        body.putArray("sent")
                                .addObject()
                                .put("to", send.to())
                                .put("id", "m1")
                                .put("status", "sent");
                        yield new ControlResponse.Ok(body);
                    }
                    default -> ControlResponse.Ok.empty();
                });
    }

    @Override
    public void subscribe(ControlRequest request, EventSink sink) {
        sink.push(Json.MAPPER.valueToTree(new TeamEvent.Warning(null, "connected to team shop")));
        sinks.add(sink);
        subscribed.countDown();
    }

    /** Pushes an event to every subscriber, as the coordinator does. */
    void happens(TeamEvent event) {
        JsonNode json = Json.MAPPER.valueToTree(event);
        sinks.forEach(sink -> sink.push(json));
    }

    private JsonNode ps() {
        ObjectNode body =
                Json.object().put("team", "shop").put("cost_usd", 0.25).put("uptime_s", 60);
        body.put("budget_usd", 5.0);
        var roles = body.putArray("roles");
        roles.addObject()
                .put("role", "lead")
                .put("lead", true)
                .put("state", "idle")
                .put("cost_usd", 0.05)
                .put("queued", 0)
                .putArray("permissions");
        ObjectNode backend = roles.addObject()
                .put("role", "backend")
                .put("lead", false)
                .put("state", "busy")
                .put("cost_usd", 0.2)
                .put("queued", 1)
                .put("pid", 4242)
                .put("task", "T1")
                .put("task_title", taskTitle)
                .put("last_tool", "Bash(git push)");
        ObjectNode ask = backend.putArray("permissions")
                .addObject()
                .put("id", "p1")
                .put("role", "backend")
                .put("tool", "Bash")
                .put("summary", "Bash(git push origin main)");
        ask.putObject("input")
                .put("command", "git push origin main")
                .put("description", "<img src=x onerror=alert(1)>");
        return body;
    }

    private JsonNode board() {
        ObjectNode body = Json.object();
        body.putArray("tasks")
                .addObject()
                .put("id", "T1")
                .put("title", taskTitle)
                .put("details", "")
                .put("status", taskStatus)
                .put("assignee", "backend")
                .put("ready", true)
                .put("created_by", "lead")
                .putArray("depends_on");
        return body;
    }

    @Override
    public void close() {
        server.close();
    }
}
