package dev.peersteam.git;

import java.util.List;

/** How merging a role's branch back into a target branch ended. */
public sealed interface MergeResult {
    /**
     * The target now contains the source.
     *
     * @param commit the target's new commit: the source's head when fast-forwarded, else the new merge commit
     * @param fastForward the target only moved forward to the source's head, no merge commit was made
     * @param filesChanged how many paths differ between the target's old and new commit (a rename counts as two: the
     *     old path is deleted, the new one added)
     */
    record Merged(String commit, boolean fastForward, int filesChanged) implements MergeResult {}

    /** The target already contains every commit of the source; nothing was changed. */
    record UpToDate() implements MergeResult {}

    /**
     * The branches change the same lines; nothing was changed (the target's ref, index and files are as they were).
     *
     * @param paths the conflicting paths, sorted
     */
    record Conflicts(List<String> paths) implements MergeResult {
        public Conflicts {
            paths = List.copyOf(paths);
        }
    }

    /**
     * The target is checked out in a worktree with uncommitted changes (or untracked files the merge would
     * overwrite), so merging there could mix the person's work with the role's; nothing was changed.
     *
     * @param paths the paths in the way
     */
    record RefusedDirty(List<String> paths) implements MergeResult {
        public RefusedDirty {
            paths = List.copyOf(paths);
        }
    }
}
