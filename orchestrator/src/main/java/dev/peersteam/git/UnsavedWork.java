package dev.peersteam.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure stopping a team loses nothing: saves a role's uncommitted work as a clearly marked WIP commit on its
 * branch, and removes a worktree only when nothing in it would be lost.
 */
public final class UnsavedWork {
    /** The trailer that marks a WIP commit, so tools (and people) can find and squash them later. */
    public static final String WIP_TRAILER = "Peers-Team-Wip: true";

    /**
     * No hooks for a save: a failing pre-commit hook (lint, tests) must not turn "save my work" into "lose my work",
     * and {@code --no-verify} alone still runs prepare-commit-msg and post-commit.
     */
    private static final List<String> NO_HOOKS = List.of("-c", "core.hooksPath=/dev/null");

    private final Git git;
    private final Clock clock;

    public UnsavedWork(Git git) {
        this(git, Clock.systemUTC());
    }

    /** @param clock gives the time written into WIP commit messages */
    public UnsavedWork(Git git, Clock clock) {
        this.git = git;
        this.clock = clock;
    }

    /**
     * Commits everything uncommitted in {@code worktree} (staged, unstaged, deleted, untracked but not ignored) to the
     * branch checked out there, with the message {@code WIP(peers-team): uncommitted work of <role> saved at <time>}
     * and the trailer {@value #WIP_TRAILER}. Runs no hooks and signs nothing (a save must not wait for a passphrase);
     * uses the configured git identity, or {@code peers-team <peers-team@localhost>} where there is none. Git
     * repositories nested in the worktree are not committed; the result names them.
     *
     * @return {@link WipResult.Committed}, {@link WipResult.Clean} when there was nothing to save, or
     *     {@link WipResult.Blocked} when a merge, rebase or the like is in progress or HEAD is detached
     * @throws IllegalArgumentException when {@code role} is not a valid role name
     * @throws GitException when git fails
     */
    public WipResult commitWip(Path worktree, String role) {
        Worktrees.requireRole(role);
        Optional<GitOperation> operation = GitOperation.inProgress(git, worktree);
        if (operation.isPresent()) {
            GitOperation op = operation.get();
            return new WipResult.Blocked(op.description() + " is in progress in " + worktree + ", so the uncommitted "
                    + "work of " + role + " was not committed (a commit now would be part of it). It is still there: "
                    + op.howToEnd() + ", then commit it.");
        }
        Optional<String> branch = currentBranch(worktree);
        if (branch.isEmpty()) {
            return new WipResult.Blocked("HEAD is detached in " + worktree + ", so the uncommitted work of " + role
                    + " was not committed (the commit would be on no branch). It is still there: switch to the role's "
                    + "branch (`git -C " + worktree + " switch " + Worktrees.branchOf(role) + "`) and commit it.");
        }
        Path top = Path.of(git.run(worktree, "rev-parse", "--show-toplevel"));
        if (WorktreeStatus.dirtyPaths(git, top, true).isEmpty()) {
            return new WipResult.Clean();
        }

        git.run(top, "add", "--update"); // changed and deleted tracked files
        UntrackedFiles untracked = UntrackedFiles.of(git, top);
        untracked.add(git, top, Map.of(), false);
        String staged = git.run(top, "diff", "--cached", "--no-ext-diff", "--find-renames", "--name-only", "-z");
        if (staged.isEmpty()) {
            if (!untracked.nestedRepositories().isEmpty()) {
                return new WipResult.Blocked(nestedNote(top, untracked.nestedRepositories()) + " Nothing else of "
                        + role + " was uncommitted.");
            }
            // Only what `git add` cannot stage (new commits inside a submodule's own repository): nothing to commit.
            return new WipResult.Clean();
        }

        List<String> commit = new ArrayList<>(NO_HOOKS);
        commit.addAll(CommitIdentity.options(git, top));
        commit.addAll(List.of(
                "commit",
                "--no-verify",
                "--no-gpg-sign",
                "--quiet",
                "-m",
                "WIP(peers-team): uncommitted work of " + role + " saved at "
                        + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS),
                "-m",
                WIP_TRAILER));
        git.run(top, commit.toArray(String[]::new));
        return new WipResult.Committed(
                git.run(top, "rev-parse", "HEAD"),
                branch.get(),
                staged.split("\0").length,
                untracked.nestedRepositories());
    }

    /** What to tell the person about repositories nested in a worktree, which are never committed into it. */
    static String nestedNote(Path worktree, List<String> nested) {
        boolean one = nested.size() == 1;
        return "In " + worktree + ", " + String.join(", ", nested)
                + (one ? " is a git repository of its own" : " are git repositories of their own")
                + ", which peers-team does not commit into the role's branch (that would record a broken submodule): "
                + "commit in " + (one ? "it" : "them") + ", or move " + (one ? "it" : "them")
                + " out of the worktree, before removing the worktree.";
    }

    /**
     * Removes the linked worktree at {@code worktree} ({@code git worktree remove}, without force) when nothing in it
     * would be lost, and keeps its branch. Kept instead when it has uncommitted changes or untracked files that are not
     * ignored, git is in the middle of an operation there, or its detached HEAD is on no branch or tag. Ignored files
     * (build output, dependencies) are removed with it. Stashes are not a reason to keep it: they belong to the
     * repository, not to the worktree, and survive its removal.
     *
     * @throws GitException when {@code worktree} is not a linked worktree of this repository, is locked, or git fails
     */
    public RemoveResult removeIfClean(Worktrees worktrees, Path worktree) {
        Path path = Worktrees.canonical(worktree);
        Path top = worktrees.repo().topLevel();
        List<RegisteredWorktree> registered = worktrees.list();
        if (!registered.isEmpty()
                && Worktrees.canonical(registered.getFirst().path()).equals(path)) {
            throw new GitException(path + " is the repository's main worktree, not a role's: it is never removed");
        }
        RegisteredWorktree entry = registered.stream()
                .filter(w -> Worktrees.canonical(w.path()).equals(path))
                .findFirst()
                .orElseThrow(() -> new GitException(path + " is not a worktree of the repository " + top
                        + ": nothing was removed. `git -C " + top + " worktree list` shows its worktrees."));
        if (entry.locked()) {
            throw new GitException("The worktree " + path + " is locked (`git worktree lock`), so it was not removed. "
                    + "If it is no longer needed, run `git worktree unlock " + path + "` and remove it again.");
        }
        if (!Files.isDirectory(path)) {
            git.run(top, "worktree", "prune"); // deleted by hand: only the registration is left
            return new RemoveResult.Removed(path, entry.branch());
        }

        Optional<RemoveResult.Kept> unsaved = unsaved(path, entry);
        if (unsaved.isPresent()) {
            return unsaved.get();
        }
        GitResult removed = git.execute(top, List.of("worktree", "remove", path.toString()));
        if (!removed.ok()) {
            // Something may have been written between our look and git's: say what, if so.
            return unsaved(path, entry)
                    .orElseThrow(() -> new GitException("Could not remove the worktree " + path
                            + " (`" + removed.commandLine() + "` said: "
                            + removed.stderr().strip() + "). Its branch and files "
                            + "are untouched; remove it by hand if it is no longer needed."));
        }
        return new RemoveResult.Removed(path, entry.branch());
    }

    /** Why removing the worktree would lose something, if it would. */
    private Optional<RemoveResult.Kept> unsaved(Path worktree, RegisteredWorktree entry) {
        Optional<GitOperation> operation = GitOperation.inProgress(git, worktree);
        if (operation.isPresent()) {
            return Optional.of(new RemoveResult.Kept(
                    worktree,
                    List.of(),
                    operation.get().description() + " is in progress in " + worktree + ": "
                            + operation.get().howToEnd() + ", then remove it."));
        }
        List<String> dirty = WorktreeStatus.dirtyPaths(git, worktree, true);
        if (!dirty.isEmpty()) {
            List<String> nested = dirty.stream().filter(p -> p.endsWith("/")).toList();
            return Optional.of(new RemoveResult.Kept(
                    worktree,
                    dirty,
                    worktree + " has " + dirty.size()
                            + (dirty.size() == 1 ? " path" : " paths")
                            + " with uncommitted changes: commit them (or save them "
                            + "as a WIP commit), then remove it."
                            + (nested.isEmpty() ? "" : " " + nestedNote(worktree, nested))));
        }
        if (entry.detached() && !reachable(worktree)) {
            return Optional.of(new RemoveResult.Kept(
                    worktree,
                    List.of(),
                    "HEAD is detached in " + worktree
                            + " at a commit that is on no branch or tag, so it would be lost: create a branch there (`git -C "
                            + worktree + " switch -c <name>`), then remove it."));
        }
        return Optional.empty();
    }

    /** Whether HEAD is in the history of some branch or tag. */
    private boolean reachable(Path worktree) {
        String head = git.run(worktree, "rev-parse", "HEAD");
        return !git.run(
                        worktree,
                        "for-each-ref",
                        "--count=1",
                        "--contains",
                        head,
                        "--format=%(refname)",
                        "refs/heads/",
                        "refs/tags/")
                .isBlank();
    }

    private Optional<String> currentBranch(Path worktree) {
        GitResult result = git.execute(worktree, List.of("symbolic-ref", "--quiet", "--short", "HEAD"));
        return result.ok() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }
}
