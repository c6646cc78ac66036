package dev.peersteam.git;

import java.util.List;

/** What {@link UnsavedWork#commitWip} did with a worktree's uncommitted work. */
public sealed interface WipResult {
    /**
     * Everything uncommitted is now in a WIP commit on {@code branch}.
     *
     * @param commit the sha of the WIP commit
     * @param branch the branch it was committed on (the role's, unless someone switched the worktree to another)
     * @param paths how many paths it saved (a rename counts once)
     * @param nestedRepositories untracked directories that are git repositories of their own, like {@code vendor/x/}:
     *     not committed (that would record a broken submodule), still in the worktree; tell the person
     */
    record Committed(String commit, String branch, int paths, List<String> nestedRepositories) implements WipResult {
        public Committed {
            nestedRepositories = List.copyOf(nestedRepositories);
        }
    }

    /** There was nothing uncommitted; no commit was made. */
    record Clean() implements WipResult {}

    /**
     * Nothing was committed, because a commit now would do something else than save work: git is in the middle of an
     * operation (a merge, a rebase, …) or HEAD is detached. The work is still in the worktree, uncommitted.
     *
     * @param reason what is going on and what to do, for the person
     */
    record Blocked(String reason) implements WipResult {}
}
