package dev.peersteam.permission;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns an absolute path into the one the file system would really reach: {@code ..} and symlinks resolved, for a
 * path that does not exist yet its nearest existing ancestor resolved and the rest appended. Reading the file system
 * is I/O, so the implementation lives at the edge ({@code runtime.RealPaths}) and is passed in.
 */
@FunctionalInterface
public interface PathResolver {
    /** Empty when the path cannot be resolved (a symlink loop, say): such a path is never allowed by a rule. */
    Optional<Path> canonical(Path absolute);

    /** Resolves {@code ..} by the text alone, as if no symlink existed: for tests, never for a real team. */
    PathResolver LEXICAL = path -> Optional.of(path.toAbsolutePath().normalize());
}
