package dev.peersteam.coordinator;

import java.time.Duration;
import java.util.function.Consumer;

/** Posts an event to the loop after a delay: the coordinator's only notion of time passing, so no polling. */
@FunctionalInterface
public interface Timers {
    void schedule(Duration delay, Event event, Consumer<Event> post);
}
