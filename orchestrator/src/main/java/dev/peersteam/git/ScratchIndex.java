package dev.peersteam.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A throw-away copy of a worktree's index in which every untracked, not ignored file is marked intent-to-add (except
 * the files of git repositories nested in the worktree, see {@link UntrackedFiles}), so that one
 * {@code git diff <commit>} shows committed, staged, unstaged and untracked work together, renames included.
 *
 * <p>Why a copy: the role's own git commands (and Claude Code's) use the real index at the same time. Running
 * {@code git add -N} there would change what the role has staged, and even a plain {@code git diff} takes the real
 * index's lock to refresh it, which can make the role's {@code git commit} fail with "index.lock exists". The copy
 * keeps the real index's stat cache, so unchanged files are not read again; intent-to-add writes no objects.
 */
final class ScratchIndex implements AutoCloseable {
    private final Git git;
    private final Path topLevel;
    private final Path file;
    private final Map<String, String> environment;

    private ScratchIndex(Git git, Path topLevel, Path file) {
        this.git = git;
        this.topLevel = topLevel;
        this.file = file;
        this.environment = Map.of("GIT_INDEX_FILE", file.toString());
    }

    /**
     * Copies {@code worktree}'s index and adds its untracked files as intent-to-add. Commands then run in the
     * worktree's top-level directory, wherever in it {@code worktree} is.
     *
     * @throws GitException when git fails or the copy cannot be written
     */
    static ScratchIndex of(Git git, Path worktree) {
        List<String> where = git.run(worktree, "rev-parse", "--show-toplevel", "--git-path", "index")
                .lines()
                .toList();
        Path top = Path.of(where.get(0));
        Path realIndex = worktree.resolve(where.get(1)); // relative to where git ran
        Path file;
        try {
            file = Files.createTempFile("peers-team-index-", "");
        } catch (IOException e) {
            throw new GitException(
                    "cannot create a scratch git index in the temporary directory: " + e
                            + ". Check that java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ") is writable.",
                    e);
        }
        ScratchIndex scratch = new ScratchIndex(git, top, file);
        try {
            scratch.fill(realIndex);
            return scratch;
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    private void fill(Path realIndex) {
        try {
            // One read of a file git replaces atomically (rename of index.lock): we get the old or the new, never half.
            // The copy keeps the index's modification time: git trusts an entry's cached stat only when the file is
            // older than the index, so a copy stamped "now" would hide a same-size rewrite made in the same tick as
            // the index (racy git).
            Files.copy(realIndex, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (NoSuchFileException nothingStagedYet) {
            // Start from HEAD, or tracked files would look deleted. read-tree wants no file, not an empty one.
            close();
            run("read-tree", "HEAD");
        } catch (IOException e) {
            throw new GitException(
                    "cannot copy the git index " + realIndex + " of " + topLevel + " to " + file + ": " + e
                            + ". Check that the temporary directory has space.",
                    e);
        }
        UntrackedFiles.of(git, topLevel).add(git, topLevel, environment, true);
    }

    /** The worktree's top-level directory, which the paths git lists are relative to. */
    Path topLevel() {
        return topLevel;
    }

    /** Runs {@code git args...} in the worktree against this index and returns its output; fails on a non-zero exit. */
    String run(String... args) {
        return git.run(topLevel, environment, List.of(args));
    }

    /** Runs {@code git args...} in the worktree against this index, whatever its exit code. */
    GitResult execute(List<String> args) {
        return git.execute(topLevel, args, environment);
    }

    /** Deletes the copy, and the lock file a git killed by its timeout may have left beside it. */
    @Override
    public void close() {
        for (Path p : List.of(file, file.resolveSibling(file.getFileName() + ".lock"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a file in the temporary directory; nothing the person needs to act on
            }
        }
    }
}
