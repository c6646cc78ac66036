package dev.peersteam.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A multi-step git operation that can be left half done in a worktree. While one is in progress a commit would mean
 * something else (conclude a merge, become part of a rebase) and the worktree's files are not the role's plain work.
 */
enum GitOperation {
    MERGE("MERGE_HEAD", "a merge", "finish it with `git commit`, or cancel it with `git merge --abort`"),
    REBASE(
            "rebase-merge",
            "a rebase",
            "finish it with `git rebase --continue`, or cancel it with `git rebase --abort`"),
    /** {@code git am} and the old rebase backend both keep their state in rebase-apply. */
    APPLY(
            "rebase-apply",
            "a rebase or `git am`",
            "finish it with `git rebase --continue` (`git am --continue`), or cancel it with `--abort`"),
    CHERRY_PICK(
            "CHERRY_PICK_HEAD",
            "a cherry-pick",
            "finish it with `git cherry-pick --continue`, or cancel it with `git cherry-pick --abort`"),
    REVERT("REVERT_HEAD", "a revert", "finish it with `git revert --continue`, or cancel it with `git revert --abort`"),
    BISECT("BISECT_LOG", "a bisect", "end it with `git bisect reset`");

    private final String marker;
    private final String description;
    private final String howToEnd;

    GitOperation(String marker, String description, String howToEnd) {
        this.marker = marker;
        this.description = description;
        this.howToEnd = howToEnd;
    }

    /** Like "a merge". */
    String description() {
        return description;
    }

    /** Like "finish it with `git commit`, or cancel it with `git merge --abort`". */
    String howToEnd() {
        return howToEnd;
    }

    /** The operation in progress in {@code worktree}, if any (the first found, in declaration order). */
    static Optional<GitOperation> inProgress(Git git, Path worktree) {
        // One git call for all markers: --git-path knows where a linked worktree keeps its own state.
        List<String> args = new ArrayList<>(List.of("rev-parse"));
        for (GitOperation op : values()) {
            args.addAll(List.of("--git-path", op.marker));
        }
        List<String> paths =
                git.run(worktree, args.toArray(String[]::new)).lines().toList();
        for (int i = 0; i < values().length; i++) {
            if (Files.exists(worktree.resolve(paths.get(i)))) {
                return Optional.of(values()[i]);
            }
        }
        return Optional.empty();
    }
}
