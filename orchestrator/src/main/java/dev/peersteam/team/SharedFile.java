package dev.peersteam.team;

import java.util.List;
import java.util.Objects;

/**
 * A file (or folder) the whole team works to, such as an API contract, written in the team file as
 * {@code shared: [{path: api/openapi.yaml, owners: [backend]}]}. Every role reads it; only its owners change it, and
 * when an owner commits a change to it the other roles are told.
 *
 * @param path   the path relative to the team's repository, normalized, with '/' separators; a folder stands for
 *               every file below it
 * @param owners the roles allowed to change it, in file order; at least one
 */
public record SharedFile(String path, List<String> owners) {

    public SharedFile {
        Objects.requireNonNull(path, "path");
        owners = List.copyOf(owners);
    }

    public boolean ownedBy(String role) {
        return owners.contains(role);
    }

    /** Whether a repository-relative path ('/' separators) is this file or, for a folder, lies below it. */
    public boolean covers(String repoPath) {
        return repoPath.equals(path) || repoPath.startsWith(path + "/");
    }
}
