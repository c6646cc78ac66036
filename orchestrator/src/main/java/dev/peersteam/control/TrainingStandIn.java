package dev.peersteam.control;

import dev.peersteam.board.TaskStatus;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A stand-in coordinator on a control socket for {@code peers-team cds-training}: a plausible answer of the type each
 * request expects, no event streams. It lives beside the server so that the CLI, which only reaches a running team
 * through the client, needs no part of the server side to train its quick verbs' path.
 */
public final class TrainingStandIn implements Closeable {
    private final ControlServer server;

    private TrainingStandIn(ControlServer server) {
        this.server = server;
    }

    /**
     * Listens on {@code socket} until closed, as the coordinator of the team whose {@code .peers/} is
     * {@code peersRoot}; quick verbs' command lines are run by {@code verbs}, as {@code up} does.
     */
    public static TrainingStandIn start(Path socket, Path peersRoot, VerbRunner verbs) throws IOException {
        return new TrainingStandIn(ControlServer.start(socket, new Handler(peersRoot, verbs)));
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class Handler implements ControlHandler {
        private final VerbRunner verbs;
        private final CoordinatorHere here;

        Handler(Path peersRoot, VerbRunner verbs) {
            this.verbs = verbs;
            this.here = CoordinatorHere.of(peersRoot, this);
        }

        @Override
        public void subscribe(EventSink sink) {
            sink.fail(new ControlResponse.Error(ControlResponse.Error.BAD_REQUEST, "not in training"));
        }

        @Override
        public CompletionStage<ControlResponse> handle(ControlRequest.Call<?> request) {
            if (request instanceof ControlRequest.Verb verb) {
                return verbs.answer(verb, here);
            }
            return CompletableFuture.completedFuture(new ControlResponse.Ok(answer(request)));
        }
    }

    private static ControlReply answer(ControlRequest.Call<?> request) {
        TaskView task = new TaskView(
                "T1", "check the login", null, TaskStatus.ASSIGNED, "qa", List.of(), "you", List.of(), true);
        ControlReply reply = switch (request) {
            case ControlRequest.Hello hello -> new CoordinatorInfo(0, "training", "", "");
            case ControlRequest.Assign assign -> task;
            case ControlRequest.Send send ->
                new SentMessages(List.of(new SentMessage("qa", "m1", SentMessage.Status.SENT)));
            case ControlRequest.Board board -> new BoardView(List.of(task));
            case ControlRequest.Ps ps ->
                new PsReply(
                        "training",
                        Usd.ZERO,
                        1,
                        List.of(new RoleRow(
                                "qa",
                                true,
                                SessionState.BUSY,
                                Usd.ZERO,
                                0,
                                "T1",
                                null,
                                1L,
                                null,
                                null,
                                null,
                                List.of())));
            case ControlRequest.Interrupt interrupt -> new Interrupted("qa", true, SessionState.IDLE);
            case ControlRequest.Approve approve -> Decided.once(approve.requestId(), "qa", true);
            case ControlRequest.Deny deny -> Decided.once(deny.requestId(), "qa", false);
            case ControlRequest.Down down -> throw new IllegalArgumentException("not in training");
            case ControlRequest.Verb verb -> throw new IllegalStateException("verbs are run by the handler");
        };
        return reply;
    }
}
