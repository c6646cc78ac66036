package dev.peersteam.coordinator;

import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.tools.ToolResult;

/** The team's repository as the loop needs it: called off the loop (it runs git), through {@link Background}. */
public interface RepositoryView {
    /** What the role changed against the team's base, committed or not. */
    ChangeSet changes(String role);

    /** A short summary of one changed path of the role (for overlap messages). */
    String summary(String role, ChangedPath change);

    /** Merges the role's branch into {@code into} (null: the team's base branch); the lead's merge tool. */
    ToolResult merge(String role, String into);
}
