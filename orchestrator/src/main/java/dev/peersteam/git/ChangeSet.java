package dev.peersteam.git;

import java.util.List;
import java.util.Map;
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
 * @param fingerprints for each changed path that exists in the worktree ({@link ChangedPath#path()} of every entry that
 *     is not {@link ChangeKind#DELETED}), a short fingerprint of its current content there: equal fingerprints mean
 *     the file did not change between two looks (see {@link WorktreeChanges#changes}). Empty when not measured.
 */
public record ChangeSet(
        String baseCommit, String mergeBase, String head, List<ChangedPath> paths, Map<String, String> fingerprints) {
    public ChangeSet {
        paths = List.copyOf(paths);
        fingerprints = Map.copyOf(fingerprints);
    }

    /** A change set without content fingerprints. */
    public ChangeSet(String baseCommit, String mergeBase, String head, List<ChangedPath> paths) {
        this(baseCommit, mergeBase, head, paths, Map.of());
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

    /** The fingerprint of {@code path}'s content in the worktree, or null when deleted or not measured. */
    public String fingerprint(String path) {
        return fingerprints.get(path);
    }
}
