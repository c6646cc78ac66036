package dev.peersteam.git;

import java.util.List;

/**
 * Where a role's branch stands against the team's base, for someone about to test or review it.
 *
 * @param branch the branch, e.g. {@code peers/backend}
 * @param head the sha it is at; null when it does not exist
 * @param ahead how many commits it has that the base has not
 * @param stat {@code git diff --stat} from where it forked from the base to its head (committed work only); empty
 *     when it has no changes
 * @param uncommitted paths changed in the role's worktree but not committed (so not on the branch); empty when none
 *     or when the worktree is not there
 */
public record BranchState(String branch, String head, int ahead, String stat, List<String> uncommitted) {
    public BranchState {
        stat = stat == null ? "" : stat.stripTrailing();
        uncommitted = List.copyOf(uncommitted);
    }

    public String shortHead() {
        return head == null ? null : head.substring(0, Math.min(10, head.length()));
    }
}
