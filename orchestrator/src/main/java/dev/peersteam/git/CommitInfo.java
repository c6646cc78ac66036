package dev.peersteam.git;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One commit of a role's branch, as a watcher is shown it.
 *
 * @param sha the full sha
 * @param subject the first line of its message
 * @param body the rest of its message, stripped; empty when none
 * @param merge whether it has more than one parent (its diff is then taken against the first parent)
 * @param paths every path it changed, relative to the repository's top level ('/' separators), both sides of a rename
 * @param stat {@code git show --stat} of it: one line per file, then the summary line; empty for an empty commit
 * @param patch its full patch, or null when that is longer than the limit it was read with
 * @param patchLength the length of its full patch in characters, also when {@code patch} is null
 */
public record CommitInfo(
        String sha,
        String subject,
        String body,
        boolean merge,
        List<String> paths,
        String stat,
        String patch,
        int patchLength) {
    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body.strip();
        paths = List.copyOf(paths);
        stat = stat == null ? "" : stat.stripTrailing();
    }

    /** The first ten characters of the sha, as people quote it. */
    public String shortSha() {
        return sha.length() <= 10 ? sha : sha.substring(0, 10);
    }

    /** The summary line of the stat: {@code 2 files changed, 42 insertions(+), 3 deletions(-)}; empty when none. */
    public String statSummary() {
        return stat.lines()
                .map(String::strip)
                .filter(line -> SUMMARY.matcher(line).lookingAt())
                .reduce((first, second) -> second)
                .orElse("");
    }

    private static final Pattern SUMMARY = Pattern.compile("\\d+ files? changed");
}
