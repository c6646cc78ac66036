package dev.peersteam.control;

/**
 * A tool call waiting for a person ({@code up --ask}, the console): {@code id} is what {@code approve} and
 * {@code deny} take, {@code summary} the call as the live log shows it ({@code Bash(npm test)}).
 */
public record PendingPermission(String id, String role, String tool, String summary) {}
