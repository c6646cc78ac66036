package dev.peersteam.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The paths with uncommitted changes in a worktree, read with {@code git status}. */
final class WorktreeStatus {
    private WorktreeStatus() {}

    /**
     * Paths with staged or unstaged changes (conflicts included), and untracked files that are not ignored when
     * {@code withUntracked}; each untracked file is listed, not just its directory.
     */
    static List<String> dirtyPaths(Git git, Path worktree, boolean withUntracked) {
        // --no-optional-locks: status would otherwise refresh and rewrite the index, racing the worktree's own user.
        String output = git.run(
                worktree,
                "--no-optional-locks",
                "status",
                "--porcelain=v1",
                "-z",
                "--untracked-files=" + (withUntracked ? "all" : "no"));
        return parsePorcelain(output);
    }

    /**
     * Parses {@code status --porcelain=v1 -z}: {@code XY path}, followed by the source path for renames and copies;
     * both paths are listed.
     */
    static List<String> parsePorcelain(String output) {
        List<String> paths = new ArrayList<>();
        String[] entries = output.split("\0");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.length() < 4) {
                continue;
            }
            paths.add(entry.substring(3));
            char x = entry.charAt(0);
            char y = entry.charAt(1);
            if ((x == 'R' || x == 'C' || y == 'R' || y == 'C') && i + 1 < entries.length) {
                paths.add(entries[++i]); // the source of a rename is changed too
            }
        }
        return List.copyOf(paths);
    }
}
