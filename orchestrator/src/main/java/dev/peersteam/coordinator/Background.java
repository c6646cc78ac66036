package dev.peersteam.coordinator;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work the loop must not wait for (git, the file system): it runs elsewhere and its result comes back to the loop,
 * so the loop stays the only thread that touches the team's state.
 */
@FunctionalInterface
public interface Background {
    /**
     * Runs {@code work} elsewhere, then hands its result to the loop through {@code onLoop}. {@code work} must not
     * throw: a failure is a value of its result (the coordinator wraps every job so).
     */
    <T> void run(String what, Supplier<T> work, Consumer<T> onLoop);
}
