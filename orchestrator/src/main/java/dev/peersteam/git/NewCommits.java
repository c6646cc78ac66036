package dev.peersteam.git;

import java.util.List;

/**
 * The commits on a branch since a commit seen before.
 *
 * @param head the sha the branch is at now; null when the branch does not exist
 * @param total how many commits are new; more than {@code commits.size()} when only the newest were read
 * @param commits the newest of them (at most the number asked for), oldest first
 */
public record NewCommits(String head, int total, List<CommitInfo> commits) {
    public NewCommits {
        commits = List.copyOf(commits);
    }

    public static NewCommits none(String head) {
        return new NewCommits(head, 0, List.of());
    }

    public boolean isEmpty() {
        return commits.isEmpty();
    }
}
