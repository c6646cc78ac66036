package dev.peersteam.coordinator;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work the loop must not wait for (git, the file system): it runs elsewhere and its result comes back to the loop
 * as an {@link Event.Completed}, so the loop stays the only thread that touches the team's state.
 */
@FunctionalInterface
public interface Background {
    /** Runs {@code work} elsewhere, then {@code onLoop} with its result on the loop thread. */
    <T> void run(String what, Supplier<T> work, Consumer<T> onLoop);

    /** One virtual thread per job; a job that fails is reported as a warning, not lost. */
    static Background virtualThreads(Consumer<Event> post, Consumer<TeamEvent> warn) {
        return new Background() {
            @Override
            public <T> void run(String what, Supplier<T> work, Consumer<T> onLoop) {
                Thread.ofVirtual().name("background-" + what).start(() -> {
                    T result;
                    try {
                        result = work.get();
                    } catch (RuntimeException e) {
                        post.accept(new Event.Completed(
                                what,
                                () -> warn.accept(new TeamEvent.Warning(null, what + " failed: " + e.getMessage()))));
                        return;
                    }
                    post.accept(new Event.Completed(what, () -> onLoop.accept(result)));
                });
            }
        };
    }
}
