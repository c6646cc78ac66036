package dev.peersteam.console;

import dev.peersteam.control.ControlClient;
import dev.peersteam.control.ControlErrorException;
import dev.peersteam.control.ControlReply;
import dev.peersteam.control.ControlRequest;
import dev.peersteam.control.NoCoordinatorException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The console's requests to the coordinator: one short connection per request, like the CLI verbs. The live
 * events use a connection of their own ({@link LiveEvents}).
 */
final class ControlLink {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;

    ControlLink(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    /** The reply; an error answer or a failure becomes a {@link ConsoleError} saying so. */
    <R extends ControlReply> R call(ControlRequest.Call<R> request) {
        try (ControlClient client = ControlClient.connect(socket, TIMEOUT)) {
            return client.call(request);
        } catch (ControlErrorException e) {
            throw new ConsoleError(e.error().message());
        } catch (NoCoordinatorException e) {
            throw new ConsoleError("the coordinator is not running any more");
        } catch (IOException e) {
            throw new ConsoleError("the coordinator did not answer: " + e.getMessage());
        }
    }
}
