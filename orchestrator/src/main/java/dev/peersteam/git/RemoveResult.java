package dev.peersteam.git;

import java.nio.file.Path;
import java.util.List;

/** What {@link UnsavedWork#removeIfClean} did with a worktree. */
public sealed interface RemoveResult {
    /**
     * The worktree's directory and registration are gone; its branch, with all its commits, is kept.
     *
     * @param branch the branch that was checked out there, or null when its HEAD was detached
     */
    record Removed(Path worktree, String branch) implements RemoveResult {}

    /**
     * The worktree was left as it is because removing it would lose work.
     *
     * @param paths the uncommitted paths (changed, or untracked and not ignored); empty when the reason is another
     * @param reason what is unsaved and what to do, for the person
     */
    record Kept(Path worktree, List<String> paths, String reason) implements RemoveResult {
        public Kept {
            paths = List.copyOf(paths);
        }
    }
}
