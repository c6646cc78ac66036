package dev.peersteam.team;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated, resolved team file. Paths are absolute and normalized.
 *
 * @param file      the team file itself
 * @param name      the team name (defaults to the file name without its extension)
 * @param repo      the git repository the team works on
 * @param base      the branch or commit the worktrees start from; null means the repository's current HEAD
 * @param worktrees the directory holding one worktree per role
 * @param goal      the first task, given to the lead; null when the file sets none
 * @param budgetUsd the team-wide cost cap in USD; null means no team-wide cap
 * @param setup     shell commands run once in each new worktree, in order
 * @param copy      files, relative to {@code repo}, copied into each new worktree
 * @param roles     the roles in file order
 * @param shared    the files the team works to (contracts), each with the roles that may change it; may be empty
 * @param maxActive at most this many sessions in a turn at once ({@code max_active}); 0 means no cap
 * @param notifyTargets where notices go when the team needs a person ({@code notify:}); may be empty
 * @param budgetUsdPerHour the most the team may spend in any hour ({@code budget_usd_per_hour}): over it, no new turn
 *     starts until the last hour's spending is under it again; null means no such cap
 */
public record TeamSpec(
        Path file,
        String name,
        Path repo,
        String base,
        Path worktrees,
        String goal,
        Double budgetUsd,
        List<String> setup,
        List<String> copy,
        List<RoleSpec> roles,
        List<SharedFile> shared,
        int maxActive,
        List<NotifyTarget> notifyTargets,
        Double budgetUsdPerHour) {

    public TeamSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(worktrees, "worktrees");
        setup = List.copyOf(setup);
        copy = List.copyOf(copy);
        roles = List.copyOf(roles);
        shared = shared == null ? List.of() : List.copyOf(shared);
        if (maxActive < 0) {
            throw new IllegalArgumentException("maxActive must be 0 (no cap) or more, not " + maxActive);
        }
        notifyTargets = notifyTargets == null ? List.of() : List.copyOf(notifyTargets);
    }

    /** A team with no hourly budget. */
    public TeamSpec(
            Path file,
            String name,
            Path repo,
            String base,
            Path worktrees,
            String goal,
            Double budgetUsd,
            List<String> setup,
            List<String> copy,
            List<RoleSpec> roles,
            List<SharedFile> shared,
            int maxActive,
            List<NotifyTarget> notifyTargets) {
        this(
                file,
                name,
                repo,
                base,
                worktrees,
                goal,
                budgetUsd,
                setup,
                copy,
                roles,
                shared,
                maxActive,
                notifyTargets,
                null);
    }

    /** A team that tells nobody, as teams were before {@code notify:} existed. */
    public TeamSpec(
            Path file,
            String name,
            Path repo,
            String base,
            Path worktrees,
            String goal,
            Double budgetUsd,
            List<String> setup,
            List<String> copy,
            List<RoleSpec> roles,
            List<SharedFile> shared,
            int maxActive) {
        this(file, name, repo, base, worktrees, goal, budgetUsd, setup, copy, roles, shared, maxActive, List.of());
    }

    /** A team with no cap on sessions in a turn at once. */
    public TeamSpec(
            Path file,
            String name,
            Path repo,
            String base,
            Path worktrees,
            String goal,
            Double budgetUsd,
            List<String> setup,
            List<String> copy,
            List<RoleSpec> roles,
            List<SharedFile> shared) {
        this(file, name, repo, base, worktrees, goal, budgetUsd, setup, copy, roles, shared, 0);
    }

    /** This team with another cap on sessions in a turn at once ({@code up --max-active}). */
    public TeamSpec withMaxActive(int cap) {
        return new TeamSpec(
                file,
                name,
                repo,
                base,
                worktrees,
                goal,
                budgetUsd,
                setup,
                copy,
                roles,
                shared,
                cap,
                notifyTargets,
                budgetUsdPerHour);
    }

    /** This team with more places to tell ({@code up --notify}). */
    public TeamSpec notifyingAlso(List<NotifyTarget> more) {
        List<NotifyTarget> all = new java.util.ArrayList<>(notifyTargets);
        all.addAll(more);
        return new TeamSpec(
                file,
                name,
                repo,
                base,
                worktrees,
                goal,
                budgetUsd,
                setup,
                copy,
                roles,
                shared,
                maxActive,
                all,
                budgetUsdPerHour);
    }

    /** A team with no shared files, as teams were before {@code shared:} existed. */
    public TeamSpec(
            Path file,
            String name,
            Path repo,
            String base,
            Path worktrees,
            String goal,
            Double budgetUsd,
            List<String> setup,
            List<String> copy,
            List<RoleSpec> roles) {
        this(file, name, repo, base, worktrees, goal, budgetUsd, setup, copy, roles, List.of());
    }

    /** The role with {@code lead = true}; the loader guarantees exactly one. */
    public RoleSpec lead() {
        List<RoleSpec> leads = roles.stream().filter(RoleSpec::lead).toList();
        if (leads.size() != 1) {
            throw new IllegalStateException("team '" + name + "' has " + leads.size() + " leads, expected exactly one");
        }
        return leads.getFirst();
    }

    public Optional<RoleSpec> role(String roleName) {
        return roles.stream().filter(role -> role.name().equals(roleName)).findFirst();
    }

    /** Where the role's git worktree lives. */
    public Path worktreeOf(RoleSpec role) {
        return worktrees.resolve(role.name());
    }

    /** The role names in file order. */
    public List<String> roleNames() {
        return roles.stream().map(RoleSpec::name).toList();
    }

    /** The roles that watch {@code author}'s commits, in file order: each new commit of its is sent to them. */
    public List<RoleSpec> commitWatchersOf(String author) {
        return roles.stream()
                .filter(role -> role.watches().watchesCommitsOf(author))
                .toList();
    }

    /** The roles that watch {@code author}'s tasks, in file order: its tasks reaching review or done go to them. */
    public List<RoleSpec> taskWatchersOf(String author) {
        return roles.stream()
                .filter(role -> role.watches().watchesTasksOf(author))
                .toList();
    }

    /** The shared file (or folder) that covers a repository-relative path ('/' separators), if any. */
    public Optional<SharedFile> sharedFileCovering(String repoPath) {
        return shared.stream().filter(file -> file.covers(repoPath)).findFirst();
    }
}
