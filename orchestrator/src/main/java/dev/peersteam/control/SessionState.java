package dev.peersteam.control;

/** Where a role's session is in its life: {@code starting -> idle <-> busy -> stopping -> stopped | crashed}. */
public enum SessionState {
    /** Spawned; the CLI has not answered {@code initialize} yet. Messages wait. */
    STARTING,
    /** Between turns: a message starts a turn at once. */
    IDLE,
    /** In a turn: a message is queued by the CLI, or folded into the turn between tool rounds. */
    BUSY,
    /** Asked to end (input closed); waiting for the process to exit. */
    STOPPING,
    /** Ended because we asked it to. */
    STOPPED,
    /** Ended on its own; a new process (resuming the same session) starts after a back-off. Messages wait. */
    RESTARTING,
    /** Ended on its own and will not be restarted (it could not start, or crashed too often). */
    CRASHED;

    /** Whether the role still has, or will again have, a running session. */
    public boolean alive() {
        return this == STARTING || this == IDLE || this == BUSY || this == STOPPING || this == RESTARTING;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
