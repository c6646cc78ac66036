package dev.peersteam.board;

import java.util.List;
import java.util.Objects;

/** What {@link Board#decide} made of a command: facts to journal and apply, or a message for the asker. */
public sealed interface CommandOutcome {
    record Accepted(List<BoardEvent> events) implements CommandOutcome {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** {@code message} is written for a model to act on: what is wrong and what to do instead. */
    record Rejected(String message) implements CommandOutcome {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
