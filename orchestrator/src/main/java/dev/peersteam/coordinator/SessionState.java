package dev.peersteam.coordinator;

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
    /** Ended on its own, or could not start. */
    CRASHED;

    public boolean alive() {
        return this == STARTING || this == IDLE || this == BUSY || this == STOPPING;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
