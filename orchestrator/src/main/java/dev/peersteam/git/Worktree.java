package dev.peersteam.git;

import java.nio.file.Path;

/**
 * A role's worktree, ready to use.
 *
 * @param role the role it belongs to
 * @param path its directory (absolute, symbolic links resolved)
 * @param branch the branch checked out there, {@code peers/<role>}
 * @param created it was added just now (so {@link WorktreeSetup} should prepare it); false when it was reused
 */
public record Worktree(String role, Path path, String branch, boolean created) {}
