package dev.peersteam.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a role's worktree changed relative to the base, committed or not: the changed paths (to spot two roles touching
 * the same file), a short summary of one file's change (for the overlap message), and the full diff for a reviewer.
 *
 * <p>Everything is measured from the merge-base of the base and the worktree's HEAD, so commits made on the base after
 * the role's branch forked do not count as the role's. Uncommitted work is seen through a {@link ScratchIndex}: the
 * worktree's files and real index are never touched, so this can run while the role works.
 */
public final class WorktreeChanges {
    private final Git git;

    public WorktreeChanges(Git git) {
        this.git = git;
    }

    /**
     * Every path {@code worktree} changed since it forked from {@code baseCommit}: committed, staged, unstaged and
     * untracked (not ignored) changes, deletions and renames included. A change made and undone again is no change.
     * Each changed path still in the worktree comes with a fingerprint of its current content
     * ({@link ChangeSet#fingerprints()}), so a caller can tell a file changed again from one left as it was.
     *
     * @param baseCommit a commit or a ref naming one, e.g. the sha the worktree was created from
     * @throws GitException when {@code worktree} is not a worktree with commits, or the base is unknown or unrelated
     */
    public ChangeSet changes(Path worktree, String baseCommit) {
        String head = headCommit(worktree);
        String mergeBase = mergeBase(worktree, baseCommit, head);
        String nameStatus;
        Path top;
        try (ScratchIndex index = ScratchIndex.of(git, worktree)) {
            nameStatus = index.run(plainDiff(List.of("--name-status", "-z"), mergeBase, List.of()));
            top = index.topLevel();
        }
        List<ChangedPath> paths = parseNameStatus(nameStatus);
        return new ChangeSet(baseCommit, mergeBase, head, paths, fingerprints(top, paths));
    }

    /** The content fingerprint of every changed path that is still there, for "did it change since last time". */
    private static Map<String, String> fingerprints(Path top, List<ChangedPath> paths) {
        Map<String, String> fingerprints = new TreeMap<>();
        for (ChangedPath p : paths) {
            if (p.kind() != ChangeKind.DELETED) {
                fingerprints.put(p.path(), ContentFingerprint.of(top.resolve(p.path())));
            }
        }
        return fingerprints;
    }

    /**
     * A short summary of how {@code worktree} changed {@code path} since it forked from {@code baseCommit}: a first
     * line like {@code +12 -3} (with {@code (new file)}, {@code (deleted)} or {@code (binary)} when so), then at most
     * {@code maxLines} lines of its first hunks, each cut to a readable length. A path given without its old name
     * shows a rename as a new file; use {@link #summary(Path, String, ChangedPath, int)} to see it as a rename.
     */
    public String summary(Path worktree, String baseCommit, String path, int maxLines) {
        return summary(worktree, baseCommit, List.of(path), maxLines);
    }

    /** {@link #summary(Path, String, String, int)} of one entry of {@link #changes}, a rename shown as a rename. */
    public String summary(Path worktree, String baseCommit, ChangedPath change, int maxLines) {
        return summary(
                worktree,
                baseCommit,
                change.oldPath() == null ? List.of(change.path()) : List.of(change.oldPath(), change.path()),
                maxLines);
    }

    /**
     * The role's changes since {@code worktree} forked from {@code baseCommit}, the way a reviewer wants them: one
     * patch of its commits and its uncommitted work, untracked files shown as new files.
     *
     * @param stat a {@code --stat --summary} overview instead of the patch
     * @return the diff, empty when there are no changes
     */
    public String diff(Path worktree, String baseCommit, boolean stat) {
        String mergeBase = mergeBase(worktree, baseCommit, headCommit(worktree));
        List<String> format = stat ? List.of("--stat", "--summary") : List.of("--patch");
        try (ScratchIndex index = ScratchIndex.of(git, worktree)) {
            return index.run(plainDiff(format, mergeBase, List.of()));
        }
    }

    /**
     * The sha of the commit checked out in {@code worktree}.
     *
     * @throws GitException when it is not a git worktree or has no commits yet
     */
    public String headCommit(Path worktree) {
        GitResult result = git.execute(worktree, List.of("rev-parse", "--verify", "--quiet", "HEAD^{commit}"));
        if (!result.ok()) {
            if (!git.execute(worktree, List.of("rev-parse", "--git-dir")).ok()) {
                throw new GitException(worktree + " is not a git worktree (any more?): check the path, or run "
                        + "`git worktree list` in the repository to see where the role worktrees are");
            }
            throw new GitException(worktree + " has no commits yet, so it has no changes to compare: make a first "
                    + "commit there (`git commit --allow-empty -m \"Initial commit\"`)");
        }
        return result.stdout().strip();
    }

    private String summary(Path worktree, String baseCommit, List<String> paths, int maxLines) {
        String mergeBase = mergeBase(worktree, baseCommit, headCommit(worktree));
        String patch;
        try (ScratchIndex index = ScratchIndex.of(git, worktree)) {
            patch = index.run(plainDiff(List.of("--patch"), mergeBase, paths));
        }
        return PatchSummary.of(patch, maxLines);
    }

    /** Where the worktree's HEAD forked from {@code baseCommit}. */
    private String mergeBase(Path worktree, String baseCommit, String head) {
        if (baseCommit == null || baseCommit.isBlank() || baseCommit.startsWith("-")) {
            throw new IllegalArgumentException("not a base commit: `" + baseCommit + "`");
        }
        GitResult result = git.execute(worktree, List.of("merge-base", baseCommit, head));
        if (result.ok()) {
            return result.stdout().strip();
        }
        if (result.exitCode() == 1 && result.stderr().isBlank()) {
            throw new GitException("base `" + baseCommit + "` and the HEAD of " + worktree + " share no history, so "
                    + "there is no fork point to compare from: is this worktree on its role's branch? "
                    + "Check with `git -C " + worktree + " log --oneline -3`");
        }
        throw new GitException("base `" + baseCommit + "` is not a commit in the repository of " + worktree
                + " (git said: " + result.stderr().strip() + "). Use the base the team started from, e.g. the "
                + "`base:` of the team file.");
    }

    /**
     * What {@code branch} changed since it forked from {@code baseCommit}, its commits only: for a role whose worktree
     * is on another machine, whose commits are fetched into its branch here. Each path still on the branch is
     * fingerprinted by its blob id there.
     */
    public ChangeSet branchChanges(Path repoDir, String branch, String baseCommit) {
        String head = branchHead(repoDir, branch);
        String mergeBase = mergeBase(repoDir, baseCommit, head);
        String nameStatus = git.run(repoDir, branchDiff(List.of("--name-status", "-z"), mergeBase, head, List.of()));
        List<ChangedPath> paths = parseNameStatus(nameStatus);
        Map<String, String> fingerprints = new TreeMap<>();
        List<String> present = paths.stream()
                .filter(p -> p.kind() != ChangeKind.DELETED)
                .map(ChangedPath::path)
                .toList();
        if (!present.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("--literal-pathspecs", "ls-tree", "-z", head, "--"));
            args.addAll(present);
            for (String entry : git.run(repoDir, args.toArray(String[]::new)).split("\0")) {
                int tab = entry.indexOf('\t');
                String[] fields =
                        tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
                if (fields.length == 3) {
                    fingerprints.put(entry.substring(tab + 1), "blob:" + fields[2]);
                }
            }
        }
        return new ChangeSet(baseCommit, mergeBase, head, paths, fingerprints);
    }

    /** {@link #summary(Path, String, ChangedPath, int)} of one entry of {@link #branchChanges}. */
    public String branchSummary(Path repoDir, String branch, String baseCommit, ChangedPath change, int maxLines) {
        String head = branchHead(repoDir, branch);
        String mergeBase = mergeBase(repoDir, baseCommit, head);
        List<String> paths =
                change.oldPath() == null ? List.of(change.path()) : List.of(change.oldPath(), change.path());
        return PatchSummary.of(git.run(repoDir, branchDiff(List.of("--patch"), mergeBase, head, paths)), maxLines);
    }

    private String branchHead(Path repoDir, String branch) {
        if (branch.startsWith("-")) {
            throw new IllegalArgumentException("not a branch: `" + branch + "`");
        }
        GitResult result =
                git.execute(repoDir, List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"));
        if (!result.ok()) {
            throw new GitException("there is no branch " + branch + " in " + repoDir);
        }
        return result.stdout().strip();
    }

    private static String[] branchDiff(List<String> format, String mergeBase, String head, List<String> paths) {
        List<String> args = new ArrayList<>(List.of(
                "--literal-pathspecs", "diff", "--no-color", "--no-ext-diff", "--no-relative", "--find-renames"));
        args.addAll(format);
        args.add(mergeBase);
        args.add(head);
        if (!paths.isEmpty()) {
            args.add("--");
            args.addAll(paths);
        }
        return args.toArray(String[]::new);
    }

    /** Parses {@code git diff --name-status -z}: a status token, then one path, or two for renames and copies. */
    static List<ChangedPath> parseNameStatus(String output) {
        List<ChangedPath> result = new ArrayList<>();
        String[] tokens = output.split("\0");
        int i = 0;
        while (i < tokens.length) {
            String status = tokens[i++];
            if (status.isEmpty()) {
                continue;
            }
            char letter = status.charAt(0);
            if (letter == 'R' || letter == 'C') {
                String from = tokens[i++];
                String to = tokens[i++];
                // A copy leaves its source in place: for overlap purposes it is a new file.
                result.add(letter == 'R' ? ChangedPath.renamed(from, to) : ChangedPath.of(to, ChangeKind.ADDED));
                continue;
            }
            String path = tokens[i++];
            result.add(ChangedPath.of(
                    path,
                    switch (letter) {
                        case 'A' -> ChangeKind.ADDED;
                        case 'D' -> ChangeKind.DELETED;
                        default -> ChangeKind.MODIFIED; // M, T (type change), U (unmerged), X (unknown)
                    }));
        }
        result.sort(Comparator.comparing(ChangedPath::path));
        return List.copyOf(result);
    }

    /**
     * {@code git diff <mergeBase>} with options that keep user configuration (colour, external diff tools, diffs
     * relative to a subdirectory) from changing what we parse or show; {@code paths} are taken literally, not as globs.
     */
    private static String[] plainDiff(List<String> format, String mergeBase, List<String> paths) {
        List<String> args = new ArrayList<>(List.of(
                "--literal-pathspecs", "diff", "--no-color", "--no-ext-diff", "--no-relative", "--find-renames"));
        args.addAll(format);
        args.add(mergeBase);
        if (!paths.isEmpty()) {
            args.add("--");
            args.addAll(paths);
        }
        return args.toArray(String[]::new);
    }
}
