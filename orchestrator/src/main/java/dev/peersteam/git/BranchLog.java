package dev.peersteam.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Read-only views of a role's branch for the people who watch it: the commits that are new since the ones seen
 * before (with message, stat and patch), the patch of one commit limited to some paths, and where the branch stands
 * against the team's base. Touches no ref, index or file.
 *
 * <p>Every diff runs without the user's diff configuration getting in the way: no colour, no external diff, no
 * textconv filters (they run programs), never relative to a subdirectory, renames found. A merge commit is shown
 * against its first parent: what the merge brought onto the branch.
 */
public final class BranchLog {
    private static final List<String> DIFF_OPTIONS = List.of(
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-relative",
            "--find-renames",
            "--diff-merges=first-parent");
    private static final int STAT_WIDTH = 100;

    private final Git git;

    public BranchLog(Git git) {
        this.git = git;
    }

    /** The sha {@code refs/heads/<branch>} points to, or null when there is no such branch. */
    public String head(Path repoDir, String branch) {
        requireName(branch);
        GitResult result =
                git.execute(repoDir, List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"));
        return result.ok() ? result.stdout().strip() : null;
    }

    /**
     * The commits on {@code branch} that {@code since} does not have, oldest first; at most the newest {@code max}.
     * Only the branch's own line of commits counts (first parents): commits that came in with a merge of another
     * branch are the merge's content, shown in the merge commit's diff, not commits of this role.
     *
     * @param since the commit seen last; null (or a commit that no longer exists) means from where the branch forked
     *     from {@code base}
     * @param base the team's base commit
     * @param patchLimit a commit's patch longer than this many characters is left out ({@link CommitInfo#patch()} is
     *     null; its stat is always there)
     */
    public NewCommits since(Path repoDir, String branch, String since, String base, int max, int patchLimit) {
        String head = head(repoDir, branch);
        if (head == null) {
            return NewCommits.none(null);
        }
        String from = since != null && isCommit(repoDir, since) ? since : forkPoint(repoDir, base, head);
        if (from != null && from.equals(head)) {
            return NewCommits.none(head);
        }
        String range = from == null ? head : from + ".." + head;
        int total = Integer.parseInt(
                git.run(repoDir, "rev-list", "--first-parent", "--count", range).strip());
        if (total == 0) {
            return NewCommits.none(head);
        }
        String log = git.run(
                repoDir,
                "log",
                "--first-parent",
                "--no-show-signature",
                "--max-count=" + Math.max(1, max),
                "--format=%H%x00%P%x00%s%x00%b%x1e",
                range);
        List<CommitInfo> commits = new ArrayList<>();
        for (String record : log.split("\u001e")) {
            String entry = record.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] fields = entry.split("\0", -1);
            String sha = fields[0].strip();
            boolean merge = fields.length > 1 && fields[1].strip().contains(" ");
            String subject = fields.length > 2 ? fields[2] : "";
            String body = fields.length > 3 ? fields[3] : "";
            commits.add(describe(repoDir, sha, subject, body, merge, patchLimit));
        }
        return new NewCommits(head, total, commits.reversed());
    }

    private CommitInfo describe(Path repoDir, String sha, String subject, String body, boolean merge, int patchLimit) {
        String nameStatus = show(repoDir, sha, List.of("--name-status", "-z"), List.of());
        Set<String> paths = new LinkedHashSet<>();
        for (ChangedPath p : WorktreeChanges.parseNameStatus(nameStatus)) {
            if (p.oldPath() != null) {
                paths.add(p.oldPath());
            }
            paths.add(p.path());
        }
        String stat = show(repoDir, sha, List.of("--stat=" + STAT_WIDTH, "--summary"), List.of());
        String patch = show(repoDir, sha, List.of("--patch"), List.of());
        return new CommitInfo(
                sha,
                subject,
                body,
                merge,
                List.copyOf(paths),
                stat,
                patch.length() <= patchLimit ? patch : null,
                patch.length());
    }

    /**
     * The patch of commit {@code sha} limited to {@code paths} (relative to the top level; taken literally, not as
     * patterns), or null when it is longer than {@code limit} characters; empty when the commit did not change them.
     */
    public String patch(Path repoDir, String sha, List<String> paths, int limit) {
        String patch = show(repoDir, sha, List.of("--patch"), paths);
        return patch.length() <= limit ? patch : null;
    }

    /**
     * Where {@code branch} stands against {@code base}: its head, how many commits it has that the base has not,
     * and the stat of its committed changes since it forked. ({@link BranchState#uncommitted()} is left empty: that
     * is the worktree's business, see {@link WorktreeChanges}.)
     */
    public BranchState state(Path repoDir, String branch, String base) {
        String head = head(repoDir, branch);
        if (head == null) {
            return new BranchState(branch, null, 0, "", List.of());
        }
        String fork = forkPoint(repoDir, base, head);
        if (fork == null) {
            return new BranchState(branch, head, 0, "", List.of());
        }
        int ahead = Integer.parseInt(
                git.run(repoDir, "rev-list", "--count", fork + ".." + head).strip());
        List<String> args = new ArrayList<>(List.of("--literal-pathspecs", "diff"));
        args.addAll(List.of("--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--find-renames"));
        args.addAll(List.of("--stat=" + STAT_WIDTH, "--summary", fork, head));
        return new BranchState(branch, head, ahead, git.run(repoDir, args.toArray(String[]::new)), List.of());
    }

    /**
     * Whether {@code path} (relative to the top level) is in {@code worktree} exactly as it is on {@code branch}: the
     * same content as git would store it, or absent from both. For a role that took a file over from another role's
     * branch (by a merge or a checkout) rather than changing it.
     */
    public boolean sameAsOnBranch(Path worktree, String path, String branch) {
        requireName(branch);
        GitResult onBranch =
                git.execute(worktree, List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch + ":" + path));
        boolean here = java.nio.file.Files.exists(worktree.resolve(path), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!onBranch.ok() || !here) {
            return !onBranch.ok() && !here;
        }
        GitResult hashed = git.execute(worktree, List.of("hash-object", "--", path));
        return hashed.ok() && hashed.stdout().strip().equals(onBranch.stdout().strip());
    }

    /** {@code git show} of one commit without its header, in one of the formats, limited to paths if any. */
    private String show(Path repoDir, String sha, List<String> format, List<String> paths) {
        List<String> args = new ArrayList<>(List.of("--literal-pathspecs", "show", "--format=", "--no-show-signature"));
        args.addAll(DIFF_OPTIONS);
        args.addAll(format);
        args.add(sha);
        if (!paths.isEmpty()) {
            args.add("--");
            args.addAll(paths);
        }
        GitResult result = git.execute(repoDir, args);
        if (!result.ok()) {
            throw GitException.failed(result);
        }
        return result.stdout();
    }

    /** Where {@code head} forked from {@code base}; null when there is no base or they share no history. */
    private String forkPoint(Path repoDir, String base, String head) {
        if (base == null || base.isBlank() || base.startsWith("-")) {
            return null;
        }
        GitResult result = git.execute(repoDir, List.of("merge-base", base, head));
        return result.ok() ? result.stdout().strip() : null;
    }

    private boolean isCommit(Path repoDir, String sha) {
        return !sha.isBlank()
                && !sha.startsWith("-")
                && git.execute(repoDir, List.of("rev-parse", "--verify", "--quiet", sha + "^{commit}"))
                        .ok();
    }

    private static void requireName(String branch) {
        if (branch == null
                || branch.isBlank()
                || branch.startsWith("-")
                || branch.chars().anyMatch(c -> Character.isISOControl(c) || c == ' ')) {
            throw new IllegalArgumentException("not a branch name: `" + branch + "`");
        }
    }
}
