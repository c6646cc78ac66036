package dev.peersteam.coordinator;

import java.time.Duration;

/** Runs an action after a delay: the coordinator's only notion of time passing, so no polling. */
@FunctionalInterface
public interface Timers {
    /** {@code action} must not touch the team's state: it only posts an event to the loop. */
    void schedule(Duration delay, Runnable action);
}
