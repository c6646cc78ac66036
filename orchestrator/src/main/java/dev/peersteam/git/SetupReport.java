package dev.peersteam.git;

import java.util.List;

/**
 * What {@link WorktreeSetup} did for one role.
 *
 * @param role the role whose worktree it prepared
 * @param copied the repository-relative paths copied into the worktree, in order
 * @param commands the setup commands run, with their output
 */
public record SetupReport(String role, List<String> copied, List<CommandOutput> commands) {
    public SetupReport {
        copied = List.copyOf(copied);
        commands = List.copyOf(commands);
    }

    /** Nothing was done: the worktree was already prepared. */
    public static SetupReport nothing(String role) {
        return new SetupReport(role, List.of(), List.of());
    }

    /**
     * @param command the command as written in the team file
     * @param output its stdout and stderr, interleaved (the tail, if it printed a great deal)
     */
    public record CommandOutput(String command, String output) {}
}
