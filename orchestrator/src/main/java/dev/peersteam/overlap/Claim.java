package dev.peersteam.overlap;

/**
 * An advisory claim: {@code role} says it is working on the paths {@code pattern} covers (see {@link PathPattern}).
 * Nothing is locked; whoever else changes such a path is told who claimed it and why.
 *
 * @param id increases with every claim made; a claim made again (a new reason) gets a new id
 * @param reason why, in the claimer's words; empty when none was given
 */
public record Claim(long id, String role, String pattern, String reason) {
    public Claim {
        reason = reason == null ? "" : reason.strip();
    }

    /** Whether {@code path} is covered by this claim. */
    public boolean covers(String path) {
        return PathPattern.parse(pattern).matches(path);
    }
}
