package dev.peersteam.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines of a repository's {@code .worktreeinclude}, for {@code overlap.CopiedFiles} (which matches them, and does
 * no I/O itself). A file from a cloned repository: only its start is read.
 */
public final class WorktreeInclude {
    /** How much of {@code .worktreeinclude} is read; the rest is ignored. */
    public static final int MAX_BYTES = 1 << 20;

    private WorktreeInclude() {}

    /**
     * The lines of {@code .worktreeinclude} at the repository's top level if it is a regular file (only its first
     * {@value #MAX_BYTES} bytes); none when there is no such file.
     */
    public static List<String> lines(Path repoTopLevel) {
        Path include = repoTopLevel.resolve(WorktreeSetup.INCLUDE_FILE);
        if (!Files.isRegularFile(include)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(include)) {
            // a file from a cloned repository: its start is all anyone writes there on purpose
            String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            return List.of(text.split("\\R"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + include, e);
        }
    }
}
