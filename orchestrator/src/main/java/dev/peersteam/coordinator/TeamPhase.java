package dev.peersteam.coordinator;

/**
 * Where the team as a whole is: running; stopping (its sessions are being ended, and the loop ends with
 * {@code outcome} when the last one has); or ended.
 */
sealed interface TeamPhase {
    record Running() implements TeamPhase {}

    /** {@code keepDirty}: the person asked to leave uncommitted work in the worktrees as it is. */
    record Stopping(String reason, Coordinator.Outcome outcome, boolean keepDirty) implements TeamPhase {}

    record Ended(Coordinator.Outcome outcome, boolean keepDirty) implements TeamPhase {}
}
