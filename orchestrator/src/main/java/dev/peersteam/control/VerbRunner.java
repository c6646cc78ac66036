package dev.peersteam.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs a quick verb's command line inside the coordinator's process ({@link ControlRequest.Verb}). Never on the
 * coordinator's loop: the verb asks the team through {@code here}, as a client would.
 */
@FunctionalInterface
public interface VerbRunner {
    VerbOutput run(ControlRequest.Verb verb, CoordinatorHere here);

    /** {@link ControlHandler#handle}'s answer to {@code verb}: run on a virtual thread of its own, as a handler returns at once. */
    default CompletionStage<ControlResponse> answer(ControlRequest.Verb verb, CoordinatorHere here) {
        return CompletableFuture.supplyAsync(
                () -> new ControlResponse.Ok(run(verb, here)),
                task -> Thread.ofVirtual().name("peers-verb").start(task));
    }
}
