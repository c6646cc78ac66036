package dev.peersteam.coordinator;

import dev.peersteam.control.TeamEvent;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link Background} that knows whether any of its jobs is still out, so the loop can tell "quiet" from "git is
 * still looking" (an until-done team must not stop while a commit notice is being prepared), and that turns a job's
 * failure into a call of its failure handler on the loop: a job that fails is never silently lost. Used on the loop
 * thread only: jobs are started from the loop and their results come back to it.
 */
final class TrackedBackground {
    private final Background inner;
    private final Consumer<TeamEvent> warn;
    private int running;

    TrackedBackground(Background inner, Consumer<TeamEvent> warn) {
        this.inner = inner;
        this.warn = warn;
    }

    private record Outcome<T>(T value, Throwable failure) {}

    /** A job whose failure is only worth a warning. */
    <T> void run(String what, Supplier<T> work, Consumer<T> onLoop) {
        run(what, work, onLoop, why -> warn.accept(new TeamEvent.Warning(null, what + " failed: " + why)));
    }

    /** A job whose failure someone must hear of ({@code onFailure} gets what went wrong, on the loop). */
    <T> void run(String what, Supplier<T> work, Consumer<T> onLoop, Consumer<String> onFailure) {
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
                        String why = outcome.failure().getMessage() == null
                                ? outcome.failure().toString()
                                : outcome.failure().getMessage();
                        onFailure.accept(why);
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
