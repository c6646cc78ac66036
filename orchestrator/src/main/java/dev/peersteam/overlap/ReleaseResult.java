package dev.peersteam.overlap;

import java.util.List;

/**
 * What {@link OverlapTracker#release} did.
 *
 * @param released the claims removed
 * @param notHeld patterns given that the role did not hold (as normalised)
 */
public record ReleaseResult(List<Claim> released, List<String> notHeld) {
    public ReleaseResult {
        released = List.copyOf(released);
        notHeld = List.copyOf(notHeld);
    }
}
