package dev.peersteam.protocol;

import java.util.Locale;

/**
 * What a CLI reports about a user message it was sent with a {@code uuid} ({@code command_lifecycle} frames). The
 * coordinator gives each state a meaning (see docs/messaging.md); a state this host does not know is {@link #UNKNOWN}
 * and never fatal.
 */
public enum LifecycleState {
    /** Taken, but behind a running turn: the model sees it between tool rounds or when the turn ends. */
    QUEUED,
    /** The model is working on it: the message is in the conversation. */
    STARTED,
    /**
     * Done with it. After {@link #STARTED} this is the turn's end; without a {@code started} before it, the session
     * already had this uuid (a resumed session sent a message it holds) and runs no turn for it.
     */
    COMPLETED,
    /** Dropped before it started (an interrupt that cancelled the queue). */
    CANCELLED,
    /** Dropped before it started, for another reason the CLI gives no detail on. */
    DISCARDED,
    /** Not accepted at all. */
    REFUSED,
    /** A state this host does not know; kept in the log. */
    UNKNOWN;

    public static LifecycleState of(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "queued" -> QUEUED;
            case "started" -> STARTED;
            case "completed" -> COMPLETED;
            case "cancelled", "canceled" -> CANCELLED;
            case "discarded" -> DISCARDED;
            case "refused", "rejected" -> REFUSED;
            default -> UNKNOWN;
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
