package dev.peersteam.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gives each role its own worktree {@code <worktrees dir>/<role>} on its own branch {@code peers/<role>}: creates it, or
 * reuses what an earlier run left, and refuses to touch anything else that is in the way.
 */
public final class Worktrees {
    /** Role names become a directory and a branch name, so they are checked here too, whoever checked them before. */
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private static final String BRANCH_PREFIX = "peers/";

    /** {@code worktree list -z} exists from git 2.36; older git rejects the option as a usage error. */
    private static final int USAGE_ERROR = 129;

    private final GitRepo repo;

    public Worktrees(GitRepo repo) {
        this.repo = repo;
    }

    GitRepo repo() {
        return repo;
    }

    /** The branch a role works on. */
    public static String branchOf(String role) {
        return BRANCH_PREFIX + requireRole(role);
    }

    /**
     * Makes sure {@code role} has its worktree.
     *
     * <ul>
     *   <li>already there on {@code peers/<role>}: reused as is ({@code created=false});
     *   <li>branch {@code peers/<role>} exists without a worktree: checked out there, keeping its commits;
     *   <li>otherwise a new branch {@code peers/<role>} from {@code baseRefOrNull} (default: the current HEAD).
     * </ul>
     * A stale registration whose directory was deleted is pruned first. Anything else at the path (files, another
     * branch's worktree, another repository) is an error, and nothing is changed.
     *
     * @param worktreesDir the directory that holds the role worktrees; relative means relative to the repository top
     * @param baseRefOrNull what a new branch starts from; ignored when the branch already exists
     * @throws IllegalArgumentException when {@code role} is not a valid role name
     * @throws GitException when the worktree cannot be made; the message says why and what to do
     */
    public Worktree ensure(String role, Path worktreesDir, String baseRefOrNull) {
        String branch = branchOf(role);
        Path path = canonical(repo.topLevel().resolve(worktreesDir).resolve(role));

        List<RegisteredWorktree> registered = list();
        if (pruneIfStale(registered, path, branch)) {
            registered = list();
        }

        Optional<RegisteredWorktree> atPath = registered.stream()
                .filter(w -> canonical(w.path()).equals(path))
                .findFirst();
        if (atPath.isPresent()) {
            if (branch.equals(atPath.get().branch())) {
                return new Worktree(role, path, branch, false);
            }
            throw new GitException("Cannot use " + path + " for role `" + role + "`: it is a worktree of this "
                    + "repository " + checkedOut(atPath.get()) + ", not on `" + branch + "`. Check `" + branch
                    + "` out there (`git -C " + path + " switch " + branch + "`), move it away (`git worktree move "
                    + path + " <elsewhere>`), or set `worktrees:` in the team file to another directory.");
        }

        requireFree(role, path);
        registered.stream().filter(w -> branch.equals(w.branch())).findFirst().ifPresent(elsewhere -> {
            throw new GitException("Cannot create the worktree for role `" + role + "` at " + path
                    + ": its branch `" + branch + "` is already checked out in " + elsewhere.path()
                    + ". Move that worktree (`git worktree move " + elsewhere.path() + " " + path
                    + "`), or set `worktrees:` in the team file to "
                    + elsewhere.path().getParent() + ".");
        });

        Git git = repo.git();
        if (branchExists(branch)) {
            git.run(repo.topLevel(), "worktree", "add", path.toString(), branch);
        } else {
            // A sha, not the ref itself: a remote-tracking base (origin/main) would make the new branch track it.
            String base = baseRefOrNull == null ? repo.currentHead() : repo.resolveCommit(baseRefOrNull);
            git.run(repo.topLevel(), "worktree", "add", "-b", branch, path.toString(), base);
        }
        return new Worktree(role, path, branch, true);
    }

    /** The worktrees git knows for this repository, the main one first. */
    public List<RegisteredWorktree> list() {
        Git git = repo.git();
        GitResult result = git.execute(repo.topLevel(), List.of("worktree", "list", "--porcelain", "-z"));
        if (result.exitCode() == USAGE_ERROR) {
            return RegisteredWorktree.parsePorcelain(git.run(repo.topLevel(), "worktree", "list", "--porcelain"), '\n');
        }
        if (!result.ok()) {
            throw GitException.failed(result);
        }
        return RegisteredWorktree.parsePorcelain(result.stdout(), '\0');
    }

    static String requireRole(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("invalid role name `" + role + "`: it must match [a-z][a-z0-9-]{0,31}");
        }
        return role;
    }

    /**
     * Prunes when the registration at our path, or of our branch, points at a directory that is gone (deleted by hand):
     * git would otherwise refuse both the path and the branch.
     */
    private boolean pruneIfStale(List<RegisteredWorktree> registered, Path path, String branch) {
        List<RegisteredWorktree> stale = registered.stream()
                .skip(1) // the main worktree is never stale
                .filter(w -> canonical(w.path()).equals(path) || branch.equals(w.branch()))
                .filter(w -> !w.bare() && !Files.exists(w.path().resolve(".git"), LinkOption.NOFOLLOW_LINKS))
                .toList();
        if (stale.isEmpty()) {
            return false;
        }
        for (RegisteredWorktree w : stale) {
            if (w.locked()) {
                throw new GitException("The worktree " + w.path() + " is gone but still registered and locked, so git "
                        + "will not reuse its path or branch. If it is not on a drive that is just unmounted, run "
                        + "`git worktree unlock " + w.path() + "` and start again.");
            }
        }
        repo.git().run(repo.topLevel(), "worktree", "prune");
        return true;
    }

    /** Fails unless {@code path} is absent or an empty directory, which {@code git worktree add} accepts. */
    private static void requireFree(String role, Path path) {
        String what;
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        } else if (Files.isSymbolicLink(path)) {
            what = "a symbolic link that leads nowhere";
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            what = describeDirectory(path);
            if (what == null) {
                return;
            }
        } else {
            what = "a file";
        }
        throw new GitException("Cannot create the worktree for role `" + role + "`: " + path + " already exists and "
                + "is " + what + ". Move it away, or set `worktrees:` in the team file to another directory.");
    }

    /** What a directory in the way holds, or null when it is empty. */
    private static String describeDirectory(Path dir) {
        Path dotGit = dir.resolve(".git");
        try {
            if (Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                String link = Files.readString(dotGit).strip();
                return "a git worktree not registered in this repository (its .git says `" + link + "`)";
            }
            if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                return "another git repository";
            }
            try (Stream<Path> entries = Files.list(dir)) {
                List<String> names = entries.map(p -> p.getFileName().toString())
                        .sorted()
                        .limit(4)
                        .toList();
                if (names.isEmpty()) {
                    return null;
                }
                return "a directory that is not empty (it holds "
                        + names.stream().limit(3).collect(Collectors.joining(", "))
                        + (names.size() > 3 ? ", …" : "") + ")";
            }
        } catch (IOException e) {
            return "a directory that cannot be read (" + e.getMessage() + ")";
        }
    }

    private static String checkedOut(RegisteredWorktree w) {
        if (w.bare()) {
            return "(the bare repository)";
        }
        if (w.branch() != null) {
            return "on branch `" + w.branch() + "`";
        }
        String sha = w.head() == null
                ? "?"
                : w.head().substring(0, Math.min(12, w.head().length()));
        return "with a detached HEAD at " + sha + " (a rebase or bisect may be in progress there)";
    }

    private boolean branchExists(String branch) {
        return repo.git()
                .execute(repo.topLevel(), List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + branch))
                .ok();
    }

    /**
     * The absolute path with symbolic links resolved as far as it exists, so that paths compare equal however they
     * were spelled (git prints resolved paths; macOS's /tmp is a link).
     */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
