package dev.peersteam.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/** Real git repositories in a test's temporary directory, with an identity and no global or system git config. */
final class GitFixture {
    final Path root;
    final Git git;

    GitFixture(Path tempDir) {
        try {
            this.root = tempDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.git = new Git(
                Duration.ofSeconds(60),
                Map.of(
                        "GIT_CONFIG_GLOBAL", "/dev/null",
                        "GIT_CONFIG_NOSYSTEM", "1",
                        "GIT_AUTHOR_NAME", "Test Author",
                        "GIT_AUTHOR_EMAIL", "author@example.invalid",
                        "GIT_COMMITTER_NAME", "Test Committer",
                        "GIT_COMMITTER_EMAIL", "committer@example.invalid",
                        "GIT_CEILING_DIRECTORIES", root.toString()));
    }

    /** An empty repository on branch main, without commits. */
    Path emptyRepo(String name) {
        Path dir = mkdirs(root.resolve(name));
        git.run(dir, "init", "-q", "-b", "main");
        return dir;
    }

    /** A repository on main with one commit holding README.md. */
    Path repo(String name) {
        Path dir = emptyRepo(name);
        commit(dir, "README.md", "hello\n", "Initial commit");
        return dir;
    }

    /** Writes {@code file}, commits it, returns the new commit's sha. */
    String commit(Path dir, String file, String content, String message) {
        write(dir.resolve(file), content);
        git.run(dir, "add", "--", file);
        git.run(dir, "commit", "-q", "-m", message);
        return head(dir);
    }

    /** {@code git status --porcelain} without refreshing (so without rewriting) the index. */
    String status(Path dir) {
        return git.run(dir, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all");
    }

    /** A role's worktree {@code <repo>/worktrees/<role>} on {@code peers/<role>}, from the repository's HEAD. */
    Path worktree(Path repo, String role) {
        return new Worktrees(open(repo))
                .ensure(role, Path.of("worktrees"), null)
                .path();
    }

    /**
     * A {@link Git} that knows no identity: no author or committer variables, no global or system config. Put
     * {@code user.useConfigOnly=true} in the repository so git does not guess one from the host name either.
     */
    Git gitWithoutIdentity() {
        return new Git(
                Duration.ofSeconds(60),
                Map.of(
                        "GIT_CONFIG_GLOBAL", "/dev/null",
                        "GIT_CONFIG_NOSYSTEM", "1",
                        "GIT_CEILING_DIRECTORIES", root.toString()));
    }

    String head(Path dir) {
        return git.run(dir, "rev-parse", "HEAD");
    }

    GitRepo open(Path dir) {
        return GitRepo.open(dir, git);
    }

    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file's bytes, for a short "unchanged" assertion. */
    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
