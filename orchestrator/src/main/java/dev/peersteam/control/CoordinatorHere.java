package dev.peersteam.control;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * The coordinator a quick verb runs in ({@link VerbRunner}), asked directly: the answers a client would get over the
 * socket, without taking a second connection while the verb holds its own. A verb for another team (given
 * {@code -C DIR}) asks that team's socket as ever.
 */
public interface CoordinatorHere {
    /** This coordinator's {@code .peers/} folder: a verb whose team lives there asks {@link #ask}. */
    Path peersRoot();

    /** The answer to {@code request}, as {@link ControlHandler#handle} gives it. */
    CompletionStage<ControlResponse> ask(ControlRequest.Call<?> request);

    static CoordinatorHere of(Path peersRoot, ControlHandler handler) {
        return new CoordinatorHere() {
            @Override
            public Path peersRoot() {
                return peersRoot;
            }

            @Override
            public CompletionStage<ControlResponse> ask(ControlRequest.Call<?> request) {
                return handler.handle(request);
            }
        };
    }
}
