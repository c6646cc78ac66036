package dev.peersteam.control;

import java.util.Objects;

/**
 * A line the server writes: a {@link ControlResponse} (exactly one per request) or, on a stream, an {@link Event}.
 * Kept apart from {@link ControlResponse} so a handler's answer can never be an event by mistake.
 */
public sealed interface ServerLine permits ControlResponse, ServerLine.Event {

    /** One team event on a stream: {@code {"v":1,"type":"event","event":{...}}}. */
    record Event(TeamEvent event) implements ServerLine {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }
}
