package dev.peersteam.runtime;

import dev.peersteam.permission.PathResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The permission gate's view of the real file system: a path resolved one segment at a time as the kernel would,
 * following every symlink (dangling ones too: a write through a dangling link creates its target), and keeping the
 * segments that do not exist yet as they are. {@code ..} is applied to the resolved parent, never to the text.
 */
public final class RealPaths implements PathResolver {
    /** As Linux's MAXSYMLINKS: more expansions than this is a loop. */
    private static final int MAX_LINKS = 40;

    @Override
    public Optional<Path> canonical(Path absolute) {
        try {
            return Optional.of(resolve(Path.of("/"), absolute.toAbsolutePath(), new int[] {0}));
        } catch (IOException | TooManyLinks e) {
            return Optional.empty();
        }
    }

    private static final class TooManyLinks extends Exception {
        TooManyLinks() {
            super(null, null, false, false);
        }
    }

    /** {@code path} resolved from the canonical directory {@code from} (used when {@code path} is relative). */
    private static Path resolve(Path from, Path path, int[] links) throws IOException, TooManyLinks {
        Path current = path.isAbsolute() ? path.getRoot() : from;
        for (Path segment : path) {
            String name = segment.toString();
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                if (++links[0] > MAX_LINKS) {
                    throw new TooManyLinks();
                }
                next = resolve(current, Files.readSymbolicLink(next), links);
            }
            current = next; // a segment that does not exist is kept as written; nothing below it can be a link
        }
        return current;
    }
}
