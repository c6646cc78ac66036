package dev.peersteam.cli;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlErrorException;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.ControlResponse;
import dev.peersteam.control.NoCoordinatorException;
import dev.peersteam.runtime.PeersDir;
import java.io.IOException;
import java.nio.file.Path;

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
        try (ControlClient client = connect(peers)) {
            return client.call(request);
        } catch (ControlErrorException refused) {
            ControlResponse.Error error = refused.error();
            throw new UserError(
                    "peers-team: " + error.message(),
                    switch (error.code()) {
                        case ControlResponse.Error.UNKNOWN_ROLE,
                                ControlResponse.Error.BAD_REQUEST,
                                ControlResponse.Error.UNKNOWN_TASK -> ExitCodes.INVALID;
                        case ControlResponse.Error.SHUTTING_DOWN -> ExitCodes.NO_COORDINATOR;
                        default -> ExitCodes.FAILED;
                    });
        } catch (IOException e) {
            throw new UserError("peers-team: the coordinator did not answer: " + e.getMessage(), ExitCodes.FAILED, e);
        }
    }
}
