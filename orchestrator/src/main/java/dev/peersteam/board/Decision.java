package dev.peersteam.board;

import java.util.List;
import java.util.Objects;

/** What {@link Board#decide} made of a command: facts to journal and apply, or a message for the asker. */
public sealed interface Decision {
    record Accepted(List<BoardEvent> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** {@code message} is written for a model to act on: what is wrong and what to do instead. */
    record Rejected(String message) implements Decision {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
