package dev.peersteam.git;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything a role's worktree changed relative to where its branch left the base: its commits and its uncommitted
 * work (staged, unstaged, untracked but not ignored).
 *
 * @param baseCommit the base as the caller named it
 * @param mergeBase the commit the changes are measured from: where the branch forked from the base, so commits made
 *     on the base since then do not count as the role's changes
 * @param head the commit checked out in the worktree
 * @param paths the changed paths, sorted by path
 */
public record ChangeSet(String baseCommit, String mergeBase, String head, List<ChangedPath> paths) {
    public ChangeSet {
        paths = List.copyOf(paths);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /**
     * Every path this change set touches, the old side of renames included: the set to intersect with another role's
     * to find overlapping work.
     */
    public SortedSet<String> touchedPaths() {
        SortedSet<String> touched = new TreeSet<>();
        for (ChangedPath p : paths) {
            touched.add(p.path());
            if (p.oldPath() != null) {
                touched.add(p.oldPath());
            }
        }
        return touched;
    }
}
