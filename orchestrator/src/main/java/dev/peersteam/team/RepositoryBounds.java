package dev.peersteam.team;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder every path a team file names must stay in: the top of the git work tree the team file is in (the
 * nearest folder at or above it that holds a {@code .git}), or the team file's own folder when it is in none.
 *
 * <p>Team files come with repositories people clone, so a path in one is someone else's choice: {@code prompt_file:
 * ../../.ssh/id_rsa} would hand a private key to an agent, and {@code worktrees: /home/me} would fill a home folder.
 * Paths are judged by where they really lead, symbolic links followed: a path that does not exist yet (a worktrees
 * folder) by the real path of its nearest existing parent.
 */
final class RepositoryBounds {
    private final Path boundary;

    private RepositoryBounds(Path boundary) {
        this.boundary = boundary;
    }

    /** @param teamDir the team file's folder, which exists */
    static RepositoryBounds around(Path teamDir) {
        Path real = realPath(teamDir);
        for (Path dir = real; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return new RepositoryBounds(dir);
            }
        }
        return new RepositoryBounds(real);
    }

    /** The real path of the folder paths must stay in. */
    Path boundary() {
        return boundary;
    }

    /**
     * Why {@code path} leads out of the boundary, or empty when it stays in.
     *
     * @param path absolute and normalized
     * @return e.g. "is outside the repository /repo" or "leads outside the repository /repo: it resolves to
     *     /etc/passwd"
     */
    Optional<String> escape(Path path) {
        Path real = realPath(path);
        if (real.startsWith(boundary)) {
            return Optional.empty();
        }
        if (!path.startsWith(boundary) && real.equals(path)) {
            return Optional.of("is outside the repository " + boundary);
        }
        return Optional.of(
                "leads outside the repository " + boundary + ": it resolves to " + real + " (through a symbolic link)");
    }

    /**
     * Where {@code path} really leads: the real path of its nearest existing parent (links followed), with the rest
     * of the path as written.
     */
    static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (int hops = 0; hops < MAX_LINK_HOPS; hops++) {
            Path existing = absolute;
            while (existing != null) {
                try {
                    Path real = existing.toRealPath();
                    return real.resolve(existing.relativize(absolute)).normalize();
                } catch (IOException e) {
                    if (Files.isSymbolicLink(existing)) {
                        break; // a link that leads nowhere (yet): judge where it points, not where it stands
                    }
                    existing = existing.getParent();
                }
            }
            if (existing == null) {
                return absolute;
            }
            try {
                Path target = existing.resolveSibling(Files.readSymbolicLink(existing));
                absolute = target.resolve(existing.relativize(absolute))
                        .toAbsolutePath()
                        .normalize();
            } catch (IOException e) {
                return absolute;
            }
        }
        return absolute; // a loop of links: nothing can be created through it anyway
    }

    /** As many links as Linux follows in one path (its ELOOP limit). */
    private static final int MAX_LINK_HOPS = 40;
}
