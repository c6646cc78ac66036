package dev.peersteam.control;

/**
 * The answer to {@link ControlRequest.Interrupt}: whether a turn was running and was stopped, and the role's state
 * (an idle role has no turn to stop; that is not an error).
 */
public record Interrupted(String role, boolean interrupted, SessionState state) implements ControlReply {}
