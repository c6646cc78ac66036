package dev.peersteam.tools;

import java.util.List;

/** A call of one of the team tools, with its arguments checked for shape (the coordinator checks meaning). */
public sealed interface ToolCall {
    record SendMessage(String to, String text) implements ToolCall {}

    record ListPeers() implements ToolCall {}

    record GetBoard() implements ToolCall {}

    record CreateTask(String title, String details, String assignee, List<String> dependsOn) implements ToolCall {}

    /** {@code status}, {@code note} and {@code assignee} are each optional (null). */
    record UpdateTask(String id, String status, String note, String assignee) implements ToolCall {}

    /**
     * An advisory claim of paths; {@code paths} are checked and normalised ({@link dev.peersteam.overlap.PathPattern}),
     * non-empty, without duplicates; {@code reason} is not blank.
     */
    record ClaimFiles(List<String> paths, String reason) implements ToolCall {
        public ClaimFiles {
            paths = List.copyOf(paths);
        }
    }

    /** Releases claims; {@code paths} are checked and normalised like {@link ClaimFiles}'s. */
    record ReleaseFiles(List<String> paths) implements ToolCall {
        public ReleaseFiles {
            paths = List.copyOf(paths);
        }
    }

    /**
     * Lead only (the coordinator checks): merge {@code role}'s branch into {@code into}, or into the team's base branch
     * when {@code into} is null.
     */
    record Merge(String role, String into) implements ToolCall {}
}
