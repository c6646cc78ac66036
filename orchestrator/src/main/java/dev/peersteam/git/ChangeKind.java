package dev.peersteam.git;

/** How a path differs from the base. */
public enum ChangeKind {
    ADDED,
    MODIFIED,
    DELETED,
    /** Moved from {@link ChangedPath#oldPath()}, with or without edits (git pairs a deletion and an addition). */
    RENAMED
}
