package dev.peersteam.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Merges a role's branch back into a target branch without ever leaving the target half merged.
 *
 * <p>How: the merge is computed in the object store with {@code git merge-tree --write-tree} (git 2.38 or later),
 * which touches no ref, index or file. On conflicts we stop there, so the target is exactly as it was. Otherwise
 * {@code git commit-tree} makes the merge commit, and the target moves to it:
 * <ul>
 *   <li>target not checked out anywhere: {@code git update-ref} with the target's old sha, so a commit someone made on
 *       the target meanwhile is never overwritten (the update fails instead). No worktree is touched at all;
 *   <li>target checked out in a worktree (usually the person's main checkout): refused while that worktree has
 *       uncommitted changes, otherwise {@code git merge --ff-only <merge commit>} there, which updates that
 *       worktree's index and files the same way a fast-forward would, and again refuses if the target moved.
 * </ul>
 * Why not a temporary worktree and {@code git merge}: a checkout of the whole target costs time and disk for a big
 * repository, runs its hooks, and on conflicts leaves a half-merged directory to clean up; merge-tree does the same
 * merge (the same ort strategy) in memory.
 */
public final class MergeBack {
    private static final String MESSAGE = "Merge %s into %s (peers-team)";

    /**
     * Merges {@code sourceBranch} (e.g. {@code peers/backend}) into {@code targetBranch} (e.g. {@code main}) in
     * {@code repo}: a fast-forward when the target has not moved since the source forked, else a merge commit with the
     * message {@code Merge <source> into <target> (peers-team)}. Only committed work is merged: save a role's
     * uncommitted work first ({@link UnsavedWork#commitWip}).
     *
     * @throws IllegalArgumentException when a branch name is not usable or both are the same
     * @throws GitException when a branch does not exist, the histories are unrelated, the target is in the middle of
     *     a rebase, or the target moved while merging; the message says what to do
     */
    public MergeResult merge(GitRepo repo, String sourceBranch, String targetBranch) {
        requireBranchName(sourceBranch);
        requireBranchName(targetBranch);
        if (sourceBranch.equals(targetBranch)) {
            throw new IllegalArgumentException("cannot merge `" + sourceBranch + "` into itself");
        }
        Git git = repo.git();
        Path top = repo.topLevel();
        String source = branchHead(repo, sourceBranch);
        String target = branchHead(repo, targetBranch);
        if (isAncestor(git, top, source, target)) {
            return new MergeResult.UpToDate();
        }

        Optional<Path> checkedOutIn = whereCheckedOut(repo, targetBranch);
        if (checkedOutIn.isPresent()) {
            Path worktree = checkedOutIn.get();
            GitOperation.inProgress(git, worktree).ifPresent(op -> {
                throw new GitException("Cannot merge into `" + targetBranch + "`: " + op.description()
                        + " is in progress in " + worktree + ". " + capitalized(op.howToEnd()) + ", then merge again.");
            });
            List<String> dirty = WorktreeStatus.dirtyPaths(git, worktree, false);
            if (!dirty.isEmpty()) {
                return new MergeResult.RefusedDirty(dirty);
            }
        }

        boolean fastForward = isAncestor(git, top, target, source);
        String merged;
        if (fastForward) {
            merged = source;
        } else {
            MergeTree tree = mergeTree(git, top, sourceBranch, targetBranch, source, target);
            if (!tree.conflicts().isEmpty()) {
                return new MergeResult.Conflicts(tree.conflicts());
            }
            merged = commitMerge(git, top, tree.tree(), target, source, sourceBranch, targetBranch);
        }

        List<String> changed = changedPaths(git, top, target, merged);
        if (checkedOutIn.isPresent()) {
            List<String> inTheWay = untrackedInTheWay(git, checkedOutIn.get(), changed);
            if (!inTheWay.isEmpty()) {
                return new MergeResult.RefusedDirty(inTheWay);
            }
            moveCheckout(git, checkedOutIn.get(), merged, sourceBranch, targetBranch);
        } else {
            moveRef(git, top, target, merged, sourceBranch, targetBranch);
        }
        return new MergeResult.Merged(merged, fastForward, new TreeSet<>(changed).size());
    }

    /** Fast-forwards the checkout of the target to the merge: its branch, index and files, or nothing if it moved. */
    private static void moveCheckout(Git git, Path worktree, String merged, String sourceBranch, String targetBranch) {
        GitResult ff = git.execute(worktree, List.of("merge", "--ff-only", "--quiet", merged));
        if (!ff.ok()) {
            throw new GitException("Merged `" + sourceBranch + "` into `" + targetBranch + "` as " + merged
                    + ", but could not move " + worktree + " to it (`" + ff.commandLine() + "` said: "
                    + ff.stderr().strip() + "). `" + targetBranch + "` was not changed; if it moved meanwhile, "
                    + "merge again.");
        }
    }

    /** Moves the target branch to the merge only if it is still where it was when the merge was computed. */
    private static void moveRef(
            Git git, Path top, String target, String merged, String sourceBranch, String targetBranch) {
        GitResult update = git.execute(
                top,
                List.of(
                        "update-ref",
                        "-m",
                        "peers-team: merge " + sourceBranch + " into " + targetBranch,
                        "refs/heads/" + targetBranch,
                        merged,
                        target));
        if (!update.ok()) {
            throw new GitException("Merged `" + sourceBranch + "` into `" + targetBranch + "` as " + merged
                    + ", but could not move `" + targetBranch + "` to it: it changed while merging (git said: "
                    + update.stderr().strip() + "). `" + targetBranch + "` was not changed; merge again.");
        }
    }

    /** The tree a merge would produce, and the paths it could not merge (none when clean). */
    private record MergeTree(String tree, List<String> conflicts) {}

    private static MergeTree mergeTree(
            Git git, Path top, String sourceBranch, String targetBranch, String source, String target) {
        GitResult result = git.execute(
                top, List.of("merge-tree", "--write-tree", "--name-only", "--no-messages", "-z", target, source));
        // Output: the tree's sha, then (exit 1) the conflicting paths, each NUL-terminated; a path may repeat.
        List<String> fields = List.of(result.stdout().split("\0"));
        if ((result.exitCode() == 0 || result.exitCode() == 1)
                && !result.timedOut()
                && !fields.getFirst().isBlank()) {
            List<String> conflicts = fields.subList(1, fields.size()).stream()
                    .filter(p -> !p.isEmpty())
                    .distinct()
                    .sorted()
                    .toList();
            return new MergeTree(fields.getFirst().strip(), result.exitCode() == 0 ? List.of() : conflicts);
        }
        String said = result.stderr().strip();
        if (said.contains("unrelated histories")) {
            throw new GitException("Cannot merge `" + sourceBranch + "` into `" + targetBranch + "`: they share no "
                    + "history. Was the role's branch created from another repository's commit? Merge by hand with "
                    + "`git merge --allow-unrelated-histories " + sourceBranch + "` if that is really wanted.");
        }
        if (said.contains("unknown option") || said.contains("usage: git merge-tree")) {
            throw new GitException("Cannot merge `" + sourceBranch + "` into `" + targetBranch + "`: this git is too "
                    + "old for `git merge-tree --write-tree` (git 2.38 or later is needed; `git --version` tells). "
                    + "Update git, or merge by hand.");
        }
        throw GitException.failed(result);
    }

    private static String commitMerge(
            Git git, Path top, String tree, String target, String source, String sourceBranch, String targetBranch) {
        List<String> args = new ArrayList<>(CommitIdentity.options(git, top));
        args.addAll(List.of(
                "commit-tree", tree, "-p", target, "-p", source, "-m", MESSAGE.formatted(sourceBranch, targetBranch)));
        return git.run(top, args.toArray(String[]::new)).strip();
    }

    /** Paths that differ between two commits, both sides of a rename (both get written by the checkout). */
    private static List<String> changedPaths(Git git, Path top, String from, String to) {
        String output =
                git.run(top, "diff", "--no-ext-diff", "--no-relative", "--no-renames", "--name-only", "-z", from, to);
        return output.isEmpty() ? List.of() : List.of(output.split("\0"));
    }

    /**
     * Untracked files the update of {@code worktree} would overwrite (the same path, or a file where a directory
     * comes, or the other way round). Untracked files elsewhere do not stop a merge; git would refuse these.
     */
    private static List<String> untrackedInTheWay(Git git, Path worktree, List<String> changed) {
        if (changed.isEmpty()) {
            return List.of();
        }
        UntrackedFiles untracked = UntrackedFiles.of(git, worktree);
        TreeSet<String> changedSet = new TreeSet<>(changed);
        return Stream.concat(
                        untracked.files().stream(),
                        untracked.nestedRepositories().stream().map(dir -> dir.substring(0, dir.length() - 1)))
                .filter(path -> changedSet.contains(path)
                        || hasChangedParent(changedSet, path)
                        || hasChangedChild(changedSet, path))
                .sorted()
                .toList();
    }

    /** A file comes where the untracked file's directory is. */
    private static boolean hasChangedParent(TreeSet<String> changed, String untracked) {
        for (int slash = untracked.lastIndexOf('/'); slash > 0; slash = untracked.lastIndexOf('/', slash - 1)) {
            if (changed.contains(untracked.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** A directory comes where the untracked file is. */
    private static boolean hasChangedChild(TreeSet<String> changed, String untracked) {
        String next = changed.ceiling(untracked + "/");
        return next != null && next.startsWith(untracked + "/");
    }

    /**
     * The worktree where {@code branch} is checked out, if its directory still exists. A worktree in the middle of a
     * rebase of {@code branch} has a detached HEAD, but finishing that rebase would overwrite our merge: refused.
     */
    private static Optional<Path> whereCheckedOut(GitRepo repo, String branch) {
        for (RegisteredWorktree w : new Worktrees(repo).list()) {
            if (w.bare() || !Files.isDirectory(w.path())) {
                continue;
            }
            if (branch.equals(w.branch())) {
                return Optional.of(w.path());
            }
            if (w.detached() && rebasing(repo.git(), w.path(), branch)) {
                throw new GitException("Cannot merge into `" + branch + "`: it is being rebased in " + w.path()
                        + ". Finish the rebase (`git rebase --continue`) or cancel it (`git rebase --abort`) there, "
                        + "then merge again.");
            }
        }
        return Optional.empty();
    }

    private static boolean rebasing(Git git, Path worktree, String branch) {
        List<String> headNames = git.run(
                        worktree,
                        "rev-parse",
                        "--git-path",
                        "rebase-merge/head-name",
                        "--git-path",
                        "rebase-apply/head-name")
                .lines()
                .toList();
        for (String headName : headNames) {
            Path file = worktree.resolve(headName);
            try {
                if (Files.isRegularFile(file) && Files.readString(file).strip().equals("refs/heads/" + branch)) {
                    return true;
                }
            } catch (IOException unreadable) {
                // a rebase we cannot read about is not one we can tell is on this branch
            }
        }
        return false;
    }

    private static boolean isAncestor(Git git, Path top, String ancestor, String descendant) {
        GitResult result = git.execute(top, List.of("merge-base", "--is-ancestor", ancestor, descendant));
        if (result.exitCode() > 1 || result.timedOut()) {
            throw GitException.failed(result);
        }
        return result.ok();
    }

    private static String branchHead(GitRepo repo, String branch) {
        GitResult result = repo.git()
                .execute(
                        repo.topLevel(),
                        List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"));
        if (!result.ok()) {
            throw new GitException("Cannot merge: there is no branch `" + branch + "` in " + repo.topLevel()
                    + ". Check the name with `git branch --list`.");
        }
        return result.stdout().strip();
    }

    private static void requireBranchName(String branch) {
        if (branch == null
                || branch.isBlank()
                || branch.startsWith("-")
                || branch.startsWith("refs/")
                || branch.chars().anyMatch(c -> Character.isISOControl(c) || c == ' ')) {
            throw new IllegalArgumentException(
                    "not a branch name: `" + branch + "` (give a short name like `main` " + "or `peers/qa`)");
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
