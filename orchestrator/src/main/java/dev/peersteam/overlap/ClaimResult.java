package dev.peersteam.overlap;

import java.util.List;
import java.util.Map;

/**
 * What {@link OverlapTracker#claim} recorded, and what the claimer should know about it.
 *
 * @param claimed the claims recorded now, one per pattern (a pattern the role had claimed before is claimed anew)
 * @param claimedByOthers claims of other roles that may cover the same paths
 * @param changedByOthers paths the new claims cover that other roles have already changed, by role (as last seen)
 */
public record ClaimResult(List<Claim> claimed, List<Claim> claimedByOthers, Map<String, List<String>> changedByOthers) {
    public ClaimResult {
        claimed = List.copyOf(claimed);
        claimedByOthers = List.copyOf(claimedByOthers);
        changedByOthers = Map.copyOf(changedByOthers);
    }
}
