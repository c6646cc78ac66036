package dev.peersteam.git;

/**
 * Preparing a role's new worktree failed: a file to copy is missing, or a setup command failed. The message names the
 * role and the file or command, and for a command its exit code and the last lines of its output.
 */
public class WorktreeSetupException extends RuntimeException {
    private final String role;

    public WorktreeSetupException(String role, String message) {
        super(message);
        this.role = role;
    }

    public WorktreeSetupException(String role, String message, Throwable cause) {
        super(message, cause);
        this.role = role;
    }

    public String role() {
        return role;
    }
}
