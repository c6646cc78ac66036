package dev.peersteam.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The untracked, not ignored files of a worktree, and git repositories nested in it.
 *
 * <p>Why not simply {@code git add --all}: one nested repository without a commit (a role ran {@code git init} in a
 * subdirectory, a scaffolding tool did) makes it fail for every file, and one with commits would be added as a
 * broken submodule. Nested repositories are left out here and named, so callers can say so.
 *
 * @param files untracked files, each listed (not just their directory)
 * @param nestedRepositories directories holding a git repository of their own, like {@code tools/vendored/}
 */
record UntrackedFiles(List<String> files, List<String> nestedRepositories) {
    UntrackedFiles {
        files = List.copyOf(files);
        nestedRepositories = List.copyOf(nestedRepositories);
    }

    /** @param topLevel the worktree's top-level directory (git lists only what is below the directory it runs in) */
    static UntrackedFiles of(Git git, Path topLevel) {
        List<String> files = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        for (String path : git.run(topLevel, "ls-files", "--others", "--exclude-standard", "-z")
                .split("\0")) {
            if (path.isEmpty()) {
                continue;
            }
            // Without --directory, git lists every untracked file, and a directory (with a slash) only when it is a
            // repository of its own.
            (path.endsWith("/") ? nested : files).add(path);
        }
        return new UntrackedFiles(files, nested);
    }

    /**
     * Adds {@link #files} to the index that {@code environment} names (the real one when empty); with
     * {@code intentToAdd}, only as intent-to-add entries, which read no content and write no objects.
     */
    void add(Git git, Path topLevel, Map<String, String> environment, boolean intentToAdd) {
        if (files.isEmpty()) {
            return;
        }
        Path pathspecs;
        try {
            // A file, not arguments: thousands of untracked files (an unignored node_modules) exceed a command line.
            pathspecs = Files.createTempFile("peers-team-pathspecs-", "");
            Files.writeString(pathspecs, String.join("\0", files), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitException(
                    "cannot write the list of untracked files of " + topLevel + " to the temporary directory: " + e
                            + ". Check that it is writable and has space.",
                    e);
        }
        try {
            List<String> args = new ArrayList<>(List.of("--literal-pathspecs", "add"));
            if (intentToAdd) {
                args.add("--intent-to-add");
            }
            args.addAll(List.of("--pathspec-from-file=" + pathspecs, "--pathspec-file-nul"));
            git.run(topLevel, environment, args);
        } finally {
            try {
                Files.deleteIfExists(pathspecs);
            } catch (IOException ignored) {
                // a file in the temporary directory; nothing the person needs to act on
            }
        }
    }
}
