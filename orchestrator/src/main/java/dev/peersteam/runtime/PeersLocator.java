package dev.peersteam.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the team's {@code .peers/} folder from wherever a verb is run: the repository itself, any folder below it,
 * or a role's worktree inside it. A plain walk up the file system, so that quick verbs like {@code assign} need
 * no git process.
 */
public final class PeersLocator {
    private PeersLocator() {}

    public static Optional<PeersDir> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(PeersDir.NAME);
            if (Files.isDirectory(candidate)) {
                return Optional.of(new PeersDir(candidate));
            }
        }
        return Optional.empty();
    }
}
