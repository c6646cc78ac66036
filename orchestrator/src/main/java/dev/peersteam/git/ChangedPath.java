package dev.peersteam.git;

import java.util.Objects;

/**
 * One path a role's worktree changed relative to the base.
 *
 * @param path the path relative to the worktree's top level, with {@code /} separators (for a deletion, the path that
 *     is gone)
 * @param kind how it changed
 * @param oldPath where a {@link ChangeKind#RENAMED} path came from; null for every other kind
 */
public record ChangedPath(String path, ChangeKind kind, String oldPath) {
    public ChangedPath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((kind == ChangeKind.RENAMED) != (oldPath != null)) {
            throw new IllegalArgumentException(
                    "oldPath must be given for a rename and only then: " + kind + " " + path + " " + oldPath);
        }
    }

    public static ChangedPath of(String path, ChangeKind kind) {
        return new ChangedPath(path, kind, null);
    }

    public static ChangedPath renamed(String oldPath, String path) {
        return new ChangedPath(path, ChangeKind.RENAMED, oldPath);
    }
}
