package dev.peersteam.overlap;

import dev.peersteam.git.ChangedPath;
import java.util.List;
import java.util.Objects;

/**
 * Two roles changed the same path (relative to the base, committed or not). Both should be told, each about the
 * other's side; {@link OverlapMessages#message} writes the text.
 *
 * @param path the path both touched (for a rename, the old or the new name, whichever they share)
 * @param updated the role whose turn just ended and whose changes brought this up
 * @param other the role that had already changed the path
 */
public record OverlapAlert(String path, Side updated, Side other) {
    /**
     * One role's side of the overlap.
     *
     * @param role the role
     * @param change its entry in the role's {@link dev.peersteam.git.ChangeSet}: give it to
     *     {@link dev.peersteam.git.WorktreeChanges#summary(java.nio.file.Path, String, ChangedPath, int)} with the
     *     role's worktree and the team's base commit to get a short summary of this side
     */
    public record Side(String role, ChangedPath change) {
        public Side {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(change, "change");
        }
    }

    public OverlapAlert {
        Objects.requireNonNull(path, "path");
        if (updated.role().equals(other.role())) {
            throw new IllegalArgumentException("an overlap needs two roles: " + updated.role());
        }
    }

    /** Both roles, the updated one first: everyone who should be told. */
    public List<String> roles() {
        return List.of(updated.role(), other.role());
    }

    /** {@code role}'s own side. */
    public Side sideOf(String role) {
        if (updated.role().equals(role)) {
            return updated;
        }
        if (other.role().equals(role)) {
            return other;
        }
        throw new IllegalArgumentException(role + " is not part of the overlap on " + path + " (" + roles() + ")");
    }

    /** The side {@code role} should hear about: the other role's. */
    public Side otherSide(String role) {
        return sideOf(role) == updated ? other : updated;
    }
}
