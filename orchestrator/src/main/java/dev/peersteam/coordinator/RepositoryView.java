package dev.peersteam.coordinator;

import dev.peersteam.git.BranchState;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.git.NewCommits;
import dev.peersteam.tools.ToolResult;
import java.util.List;
import java.util.Optional;

/**
 * The team's repository as the loop needs it: called off the loop (it runs git), through {@link Background}. Paths
 * are relative to the top level of the git repository ('/' separators) unless said otherwise. The methods for
 * watches have defaults that see nothing, so a view without them simply sends no watch notices.
 */
public interface RepositoryView {
    /** What the role changed against the team's base, committed or not; empty when it has no worktree (any more). */
    Optional<ChangeSet> changes(String role);

    /** A short summary of one changed path of the role (for overlap messages). */
    String summary(String role, ChangedPath change);

    /** Merges the role's branch into {@code into} (null: the team's base branch); the lead's merge tool. */
    ToolResult merge(String role, String into);

    /** The sha the role's branch {@code peers/<role>} is at, or null when there is no such branch. */
    default String branchHead(String role) {
        return null;
    }

    /**
     * The commits on the role's branch that {@code since} does not have: the newest {@code max}, oldest first, each
     * with its message, stat and patch (left out when longer than {@code patchLimit} characters).
     *
     * @param since the head seen last; null means since the branch forked from the team's base
     */
    default NewCommits commitsSince(String role, String since, int max, int patchLimit) {
        return NewCommits.none(null);
    }

    /** The patch of commit {@code sha} limited to {@code paths}; null when longer than {@code limit} characters. */
    default String commitPatch(String sha, List<String> paths, int limit) {
        return null;
    }

    /** Where the role's branch stands against the team's base, with what its worktree has not committed. */
    default BranchState branchState(String role) {
        return new BranchState("peers/" + role, null, 0, "", List.of());
    }

    /**
     * Whether the role's worktree has {@code path} exactly as it is on {@code otherRole}'s branch (it took the file
     * over from there, e.g. by merging that branch, rather than changing it itself).
     */
    default boolean sameAsOnBranch(String role, String path, String otherRole) {
        return false;
    }

    /**
     * A path as git names it, as the team file names it: relative to the team's {@code repo} folder, which may be a
     * folder inside the git repository. Null when the path lies outside that folder.
     */
    default String teamPath(String gitPath) {
        return gitPath;
    }
}
