package dev.peersteam.overlap;

import java.util.List;

/** Everything one look at a role's changes brought up: overlaps with other roles, edits of others' claims. */
public record TurnAlerts(List<OverlapAlert> overlaps, List<ClaimAlert> claims) {
    public TurnAlerts {
        overlaps = List.copyOf(overlaps);
        claims = List.copyOf(claims);
    }

    public boolean isEmpty() {
        return overlaps.isEmpty() && claims.isEmpty();
    }
}
