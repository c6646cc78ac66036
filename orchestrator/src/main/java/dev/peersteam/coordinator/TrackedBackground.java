package dev.peersteam.coordinator;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link Background} that knows whether any of its jobs is still out, so the loop can tell "quiet" from "git is
 * still looking" (an until-done team must not stop while a commit notice is being prepared). Used on the loop thread
 * only: jobs are started from the loop and their results come back to it. A job that fails is reported as a warning,
 * and counts as finished.
 */
final class TrackedBackground implements Background {
    private final Background inner;
    private final Consumer<TeamEvent> warn;
    private int running;

    TrackedBackground(Background inner, Consumer<TeamEvent> warn) {
        this.inner = inner;
        this.warn = warn;
    }

    private record Outcome<T>(T value, Throwable failure) {}

    @Override
    public <T> void run(String what, Supplier<T> work, Consumer<T> onLoop) {
        running++;
        inner.run(
                what,
                () -> {
                    try {
                        return new Outcome<>(work.get(), null);
                    } catch (RuntimeException | Error e) {
                        return new Outcome<T>(null, e);
                    }
                },
                outcome -> {
                    running--;
                    if (outcome.failure() != null) {
                        warn.accept(new TeamEvent.Warning(
                                null, what + " failed: " + outcome.failure().getMessage()));
                    } else {
                        onLoop.accept(outcome.value());
                    }
                });
    }

    /** No job is out. */
    boolean idle() {
        return running == 0;
    }
}
