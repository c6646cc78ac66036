package dev.peersteam.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peersteam.board.TaskStatus;
import dev.peersteam.control.BoardView;
import dev.peersteam.control.ControlHandler;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.ControlServer;
import dev.peersteam.control.Decided;
import dev.peersteam.control.EventSink;
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
import dev.peersteam.json.Json;
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
    final List<ControlRequest.Call<?>> requests = new CopyOnWriteArrayList<>();
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    /** Counted down when the dashboard has subscribed to the team's events. */
    final CountDownLatch subscribed = new CountDownLatch(1);

    private final ControlServer server;
    volatile String taskTitle = "Build the API";
    volatile TaskStatus taskStatus = TaskStatus.IN_PROGRESS;

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
    public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
        requests.add(request);
        return CompletableFuture.completedFuture(
                switch (request) {
                    case ControlRequest.Ps ps -> new ControlResponse.Ok(ps());
                    case ControlRequest.Board board -> new ControlResponse.Ok(board());
                    case ControlRequest.Approve approve ->
                        approve.requestId().equals("p1")
                                ? new ControlResponse.Ok(Decided.once("p1", "backend", true))
                                : new ControlResponse.Error(
                                        ControlResponse.Error.BAD_REQUEST, "no permission request is waiting");
                    case ControlRequest.Send send ->
                        new ControlResponse.Ok(
                                new SentMessages(List.of(new SentMessage(send.to(), "m1", SentMessage.Status.SENT))));
                    case ControlRequest.Assign assign ->
                        new ControlResponse.Ok(new TaskView(
                                "T2",
                                assign.text(),
                                "",
                                TaskStatus.ASSIGNED,
                                assign.role(),
                                assign.after(),
                                "human",
                                List.of(),
                                false));
                    case ControlRequest.Down down -> new ControlResponse.Ok(Stopping.now());
                    default -> new ControlResponse.Error(ControlResponse.Error.INTERNAL, "not in this test");
                });
    }

    @Override
    public void subscribe(EventSink sink) {
        sink.push(new TeamEvent.Warning(null, "connected to team shop"));
        sinks.add(sink);
        subscribed.countDown();
    }

    /** Pushes an event to every subscriber, as the coordinator does. */
    void happens(TeamEvent event) {
        sinks.forEach(sink -> sink.push(event));
    }

    private PsReply ps() {
        PendingPermission ask = PendingPermission.of(
                "p1",
                "backend",
                "Bash",
                "Bash(git push origin main)",
                input("{\"command\":\"git push origin main\",\"description\":\"<img src=x onerror=alert(1)>"
                        + " \u202eniam nigiro\"}")); // a bidi override would show what follows reversed
        return new PsReply(
                "shop",
                Usd.ofDollars(0.25),
                Usd.ofDollars(5),
                60,
                List.of(
                        new RoleRow(
                                "lead",
                                true,
                                SessionState.IDLE,
                                Usd.ofDollars(0.05),
                                0,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of()),
                        new RoleRow(
                                "backend",
                                false,
                                SessionState.BUSY,
                                Usd.ofDollars(0.2),
                                1,
                                "T1",
                                taskTitle,
                                4242L,
                                null,
                                "Bash(git push)",
                                null,
                                List.of(ask))));
    }

    private static JsonNode input(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private BoardView board() {
        return new BoardView(
                List.of(new TaskView("T1", taskTitle, "", taskStatus, "backend", List.of(), "lead", List.of(), true)));
    }

    @Override
    public void close() {
        server.close();
    }
}
