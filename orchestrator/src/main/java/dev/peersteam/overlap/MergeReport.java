package dev.peersteam.overlap;

import dev.peersteam.git.MergeResult;
import java.util.List;

/**
 * What to say about merging a role's branch back ({@code peers-team merge ROLE} and the lead's {@code merge} tool):
 * the outcome of {@link dev.peersteam.git.MergeBack#merge}, and a warning when the role has uncommitted work, which a
 * merge does not take. Pure.
 *
 * @param ok the target contains the role's committed work now (merged, or it already did)
 * @param text what happened and, when not ok, what to do; several lines
 */
public record MergeReport(boolean ok, String text) {
    /** How many paths are listed before "… and N more". */
    public static final int MAX_PATHS = 20;

    /**
     * @param role the role whose branch was merged
     * @param source its branch, e.g. {@code peers/backend}
     * @param target the branch merged into
     */
    public static MergeReport of(String role, String source, String target, MergeResult result) {
        return switch (result) {
            case MergeResult.Merged merged ->
                new MergeReport(
                        true,
                        "Merged " + source + " into " + target + ": "
                                + (merged.fastForward() ? "fast-forward to " : "merge commit ")
                                + shortSha(merged.commit())
                                + " (" + merged.filesChanged() + (merged.filesChanged() == 1 ? " file" : " files")
                                + " changed).");
            case MergeResult.UpToDate upToDate ->
                new MergeReport(true, target + " already has every commit of " + source + "; nothing to merge.");
            case MergeResult.Conflicts conflicts ->
                new MergeReport(
                        false,
                        "Cannot merge " + source + " into "
                                + target + ": " + count(conflicts.paths().size(), "path conflicts", "paths conflict")
                                + ":\n"
                                + listed(conflicts.paths()) + target
                                + " was left as it was (no commit, no file changed). "
                                + "Ask " + role + " to merge " + target + " into " + source
                                + " and resolve the conflicts there, "
                                + "or merge by hand (git merge " + source + " in a checkout of " + target
                                + "), then merge again.");
            case MergeResult.RefusedDirty dirty ->
                new MergeReport(
                        false,
                        "Cannot merge " + source + " into "
                                + target + ": the checkout of " + target
                                + " has uncommitted changes (or untracked files the "
                                + "merge would overwrite):\n" + listed(dirty.paths())
                                + "Nothing was changed. Commit or stash "
                                + "them there, then merge again.");
        };
    }

    /**
     * The warning for a role whose worktree has uncommitted work when its branch is merged: only commits are merged.
     *
     * @param uncommitted the paths with uncommitted changes (staged, unstaged or untracked)
     * @param fromCli whether to suggest {@code peers-team down} (for the person) or asking the role (for the lead)
     */
    public static String uncommittedWarning(String role, List<String> uncommitted, boolean fromCli) {
        return "Warning: " + role + " has uncommitted work that a merge does not take (only committed work is "
                + "merged):\n" + listed(uncommitted)
                + (fromCli
                        ? "Ask " + role + " to commit it, or stop the team with `peers-team down`, which saves it as "
                                + "WIP commits on its branch; then merge again."
                        : "Ask " + role + " to commit it (send_message), then merge again.");
    }

    static String listed(List<String> paths) {
        StringBuilder text = new StringBuilder();
        paths.stream().limit(MAX_PATHS).forEach(p -> text.append("  ").append(p).append('\n'));
        if (paths.size() > MAX_PATHS) {
            text.append("  … and ").append(paths.size() - MAX_PATHS).append(" more\n");
        }
        return text.toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
