package dev.peersteam.cli;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlErrorException;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.CoordinatorHere;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.runtime.PeersDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One request to the running coordinator, with every failure turned into a message and an exit code. */
final class CoordinatorCall {
    private CoordinatorCall() {}

    static ControlClient connect(PeersDir peers) {
        Path socket = peers.socket();
        try {
            return ControlClient.connect(socket);
        } catch (NoCoordinatorException e) {
            throw noCoordinator(peers);
        } catch (IOException e) {
            throw new UserError(
                    "peers-team: cannot reach the coordinator at " + socket + ": " + e.getMessage(),
                    ExitCodes.FAILED,
                    e);
        }
    }

    static UserError noCoordinator(PeersDir peers) {
        return new UserError(
                "peers-team: no coordinator is running for " + peers.root().getParent()
                        + ". Start the team with 'peers-team up team.yaml' (in another terminal, or with --until-done).",
                ExitCodes.NO_COORDINATOR);
    }

    /** Sends {@code request} and returns its reply, or throws the error answer as a {@link UserError}. */
    static <R extends ControlReply> R request(PeersDir peers, ControlRequest.Call<R> request) {
        return request(peers, request, Optional.empty());
    }

    /**
     * {@link #request(PeersDir, ControlRequest.Call)}, asking {@code here} directly when this runs in the team's own
     * coordinator (a quick verb it runs for a client): the same answer, and no second connection.
     */
    static <R extends ControlReply> R request(
            PeersDir peers, ControlRequest.Call<R> request, Optional<CoordinatorHere> here) {
        if (here.isPresent()) {
            return reply(request, askDirectly(here.get(), request));
        }
        try (ControlClient client = connect(peers)) {
            return client.call(request);
        } catch (ControlErrorException refused) {
            throw refusal(refused.error());
        } catch (IOException e) {
            throw new UserError("peers-team: the coordinator did not answer: " + e.getMessage(), ExitCodes.FAILED, e);
        }
    }

    private static ControlResponse askDirectly(CoordinatorHere here, ControlRequest.Call<?> request) {
        try {
            return here.ask(request)
                    .toCompletableFuture()
                    .get(ControlClient.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("peers-team: interrupted while the coordinator answered", ExitCodes.FAILED, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("peers-team: the coordinator did not answer: " + e, ExitCodes.FAILED, e);
        }
    }

    /** What {@link ControlClient#call} makes of an answer: the reply the request names, or the error. */
    private static <R extends ControlReply> R reply(ControlRequest.Call<R> request, ControlResponse response) {
        return switch (response) {
            case ControlResponse.Ok ok
            when request.replyType().isInstance(ok.body()) ->
                request.replyType().cast(ok.body());
            case ControlResponse.Ok ok ->
                throw refusal(new ControlResponse.Error(
                        ControlResponse.Error.INTERNAL, "the coordinator answered with the wrong kind of reply"));
            case ControlResponse.Error error -> throw refusal(error);
        };
    }

    private static UserError refusal(ControlResponse.Error error) {
        return new UserError(
                "peers-team: " + error.message(),
                switch (error.code()) {
                    case ControlResponse.Error.UNKNOWN_ROLE,
                            ControlResponse.Error.BAD_REQUEST,
                            ControlResponse.Error.UNKNOWN_TASK -> ExitCodes.INVALID;
                    case ControlResponse.Error.SHUTTING_DOWN -> ExitCodes.NO_COORDINATOR;
                    default -> ExitCodes.FAILED;
                });
    }
}
