package dev.peersteam.agent.sim;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent's exit: decided once, by whichever comes first (the end of input after the last turn, bad input, a
 * crash fault, a broken stdout). Deciding seals the output, so no frame follows the decision, and tells the other
 * threads to stop waiting.
 */
final class Exit {
    private final CompletableFuture<Integer> code = new CompletableFuture<>();
    private final FrameWriter writer;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    Exit(FrameWriter writer) {
        this.writer = writer;
    }

    /** Exits with {@code exitCode} unless the exit was already decided. */
    void now(int exitCode) {
        writer.seal();
        if (code.complete(exitCode)) {
            listeners.forEach(Runnable::run);
        }
    }

    void onExit(Runnable listener) {
        listeners.add(listener);
    }

    boolean decided() {
        return code.isDone();
    }

    int await() {
        return code.join();
    }
}
