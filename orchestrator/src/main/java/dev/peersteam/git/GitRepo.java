package dev.peersteam.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/** The repository a team works on: its top-level directory and its common git directory. */
public final class GitRepo {
    private static final int BRANCHES_SHOWN = 8;

    private final Git git;
    private final Path topLevel;
    private final Path commonGitDir;

    private GitRepo(Git git, Path topLevel, Path commonGitDir) {
        this.git = git;
        this.topLevel = topLevel;
        this.commonGitDir = commonGitDir;
    }

    /** {@link #open(Path, Git)} with a default {@link Git}. */
    public static GitRepo open(Path dir) {
        return open(dir, new Git());
    }

    /**
     * Opens the repository whose work tree contains {@code dir}; {@code dir} may be inside a linked worktree.
     *
     * @throws GitException when {@code dir} is not inside a git work tree
     */
    public static GitRepo open(Path dir, Git git) {
        Path start = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            throw new GitException("`" + start + "` is not a directory: set `repo:` in the team file to your project");
        }
        GitResult inside = git.execute(start, List.of("rev-parse", "--is-inside-work-tree"));
        if (!inside.ok()) {
            if (inside.stderr().contains("safe.directory")) {
                throw GitException.failed(inside); // git's own message says which command makes it trusted
            }
            throw new GitException("`" + start + "` is not a git repository: run `git init` there, "
                    + "or set `repo:` in the team file to your project");
        }
        if (!inside.stdout().strip().equals("true")) {
            throw new GitException("`" + start + "` is inside a git directory, not a work tree: "
                    + "set `repo:` in the team file to your project's checkout");
        }
        List<String> lines = git.run(start, "rev-parse", "--show-toplevel", "--git-common-dir")
                .lines()
                .toList();
        // --git-common-dir is relative to the directory git ran in when run from the main worktree (".git").
        return new GitRepo(git, realPath(Path.of(lines.get(0))), realPath(start.resolve(lines.get(1))));
    }

    /** The top-level directory of the work tree {@link #open} was given (a linked worktree's own, if it was one). */
    public Path topLevel() {
        return topLevel;
    }

    /** The git directory shared by all worktrees of this repository (where {@code info/exclude} lives). */
    public Path commonGitDir() {
        return commonGitDir;
    }

    Git git() {
        return git;
    }

    /**
     * The commit {@code ref} names (a branch, tag, remote branch or sha).
     *
     * @throws GitException when it names no commit; the message lists some existing branches
     */
    public String resolveCommit(String ref) {
        if (ref.isBlank() || ref.startsWith("-") || ref.chars().anyMatch(Character::isISOControl)) {
            throw new GitException("base `" + ref + "` is not a valid branch or commit name");
        }
        GitResult result = git.execute(topLevel, List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}"));
        if (result.ok()) {
            return result.stdout().strip();
        }
        currentHead(); // a repository without commits has no branches to offer: say that instead
        List<String> branches = git.run(
                        topLevel, "for-each-ref", "--sort=-committerdate", "--format=%(refname:short)", "refs/heads/")
                .lines()
                .toList();
        String shown = String.join(", ", branches.subList(0, Math.min(BRANCHES_SHOWN, branches.size())))
                + (branches.size() > BRANCHES_SHOWN ? ", …" : "");
        throw new GitException("base `" + ref + "` does not exist in " + topLevel + ". Existing branches: " + shown
                + ". Set `base:` in the team file to one of them, or leave it out to start from the current HEAD.");
    }

    /**
     * The sha of the commit checked out at {@link #topLevel()}.
     *
     * @throws GitException when the repository has no commits yet
     */
    public String currentHead() {
        GitResult result = git.execute(topLevel, List.of("rev-parse", "--verify", "--quiet", "HEAD^{commit}"));
        if (!result.ok()) {
            throw new GitException(topLevel + " has no commits yet: make a first commit "
                    + "(e.g. `git commit --allow-empty -m \"Initial commit\"`), then start the team again");
        }
        return result.stdout().strip();
    }

    /**
     * The branch checked out at {@link #topLevel()} (short name, e.g. {@code main}), or empty when HEAD is detached.
     * A branch without commits yet counts: HEAD points to it.
     */
    public Optional<String> currentBranch() {
        GitResult result = git.execute(topLevel, List.of("symbolic-ref", "--quiet", "--short", "HEAD"));
        return result.ok() && !result.stdout().isBlank()
                ? Optional.of(result.stdout().strip())
                : Optional.empty();
    }

    /** Whether {@code name} is a local branch ({@code refs/heads/<name>} exists); false for tags, shas, remotes. */
    public boolean hasBranch(String name) {
        if (name == null
                || name.isBlank()
                || name.startsWith("-")
                || name.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        return git.execute(topLevel, List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + name + "^{commit}"))
                .ok();
    }

    /**
     * Makes git ignore {@code pattern} in every worktree of this repository without touching any tracked file: appends
     * it as a line to {@code <common git dir>/info/exclude} unless a line already says exactly that.
     *
     * @param pattern a gitignore pattern such as {@code /worktrees/} or {@code /.peers/}
     */
    public void excludeFromGit(String pattern) {
        if (pattern.isBlank() || pattern.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("not a single gitignore pattern: " + pattern);
        }
        Path exclude = commonGitDir.resolve("info").resolve("exclude");
        try {
            Files.createDirectories(exclude.getParent());
            // Read leniently: the file is the person's and need not be valid UTF-8.
            String text = Files.exists(exclude) ? new String(Files.readAllBytes(exclude), StandardCharsets.UTF_8) : "";
            if (text.lines().anyMatch(line -> line.strip().equals(pattern.strip()))) {
                return;
            }
            String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            Files.writeString(
                    exclude,
                    separator + pattern.strip() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new GitException("cannot add `" + pattern + "` to " + exclude + ": " + e, e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new GitException("git named " + path + ", but it cannot be read: " + e, e);
        }
    }
}
