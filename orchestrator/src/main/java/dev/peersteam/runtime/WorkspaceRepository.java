package dev.peersteam.runtime;

import dev.peersteam.coordinator.RepositoryView;
import dev.peersteam.git.BranchLog;
import dev.peersteam.git.BranchState;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.git.Git;
import dev.peersteam.git.GitException;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.MergeBack;
import dev.peersteam.git.MergeResult;
import dev.peersteam.git.NewCommits;
import dev.peersteam.git.WorktreeChanges;
import dev.peersteam.overlap.MergeReport;
import dev.peersteam.overlap.OverlapMessages;
import dev.peersteam.remote.RemoteRoles;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The git side of the coordinator ({@link RepositoryView}) for a real team: its worktrees against the base it started from. */
final class WorkspaceRepository implements RepositoryView {
    private final TeamSpec team;
    private final GitRepo repo;
    private final String baseCommit;
    private final String baseBranch;
    private final WorktreeChanges changes;
    private final BranchLog log;
    /** Where the team's folder lies inside the git repository: "" at its top, else e.g. "services/shop/". */
    private final String prefix;
    /** The roles on other hosts: their branches are fetched from there and read here, their worktrees are there. */
    private final RemoteRoles remotes;

    WorkspaceRepository(TeamSpec team, GitRepo repo, String baseCommit, String baseBranch) {
        this(team, repo, baseCommit, baseBranch, RemoteRoles.of(team, repo.topLevel(), Map.of()));
    }

    WorkspaceRepository(TeamSpec team, GitRepo repo, String baseCommit, String baseBranch, RemoteRoles remotes) {
        this.remotes = remotes;
        this.team = team;
        this.repo = repo;
        this.baseCommit = baseCommit;
        this.baseBranch = baseBranch;
        Git git = new Git();
        this.changes = new WorktreeChanges(git);
        this.log = new BranchLog(git);
        this.prefix = prefixOf(repo.topLevel(), team.repo());
    }

    /** The team's folder relative to the top level, with a trailing '/', or "" when it is the top level. */
    static String prefixOf(Path topLevel, Path teamRepo) {
        Path folder;
        try {
            folder = teamRepo.toRealPath();
        } catch (IOException e) {
            folder = teamRepo.toAbsolutePath().normalize();
        }
        if (!folder.startsWith(topLevel) || folder.equals(topLevel)) {
            return "";
        }
        return topLevel.relativize(folder).toString().replace('\\', '/') + "/";
    }

    private Path worktree(String role) {
        return team.worktrees().resolve(role);
    }

    /**
     * Brings a remote role's commits here first. A host that cannot be reached leaves the branch where the last
     * fetch put it: the look goes on with what is known.
     */
    private boolean fetchedIfRemote(String role) {
        Optional<RemoteRoles.Placed> placed = remotes.of(role);
        if (placed.isEmpty()) {
            return false;
        }
        try {
            placed.get().worktree().fetchBack();
        } catch (GitException unreachable) {
            // the next turn's look fetches again
        }
        return true;
    }

    @Override
    public Optional<ChangeSet> changes(String role) {
        if (fetchedIfRemote(role)) {
            return Optional.of(changes.branchChanges(repo.topLevel(), "peers/" + role, baseCommit));
        }
        Path worktree = worktree(role);
        if (!Files.isDirectory(worktree)) {
            return Optional.empty(); // removed under the team: nothing to compare
        }
        return Optional.of(changes.changes(worktree, baseCommit));
    }

    @Override
    public String summary(String role, ChangedPath change) {
        if (remotes.of(role).isPresent()) {
            return changes.branchSummary(
                    repo.topLevel(), "peers/" + role, baseCommit, change, OverlapMessages.SUMMARY_LINES);
        }
        return changes.summary(worktree(role), baseCommit, change, OverlapMessages.SUMMARY_LINES);
    }

    @Override
    public String branchHead(String role) {
        fetchedIfRemote(role);
        return log.head(repo.topLevel(), "peers/" + role);
    }

    @Override
    public NewCommits commitsSince(String role, String since, int max, int patchLimit) {
        return log.since(repo.topLevel(), "peers/" + role, since, baseCommit, max, patchLimit);
    }

    @Override
    public String commitPatch(String sha, List<String> paths, int limit) {
        return log.patch(repo.topLevel(), sha, paths, limit);
    }

    @Override
    public BranchState branchState(String role) {
        fetchedIfRemote(role); // what the host has not committed is not seen here
        BranchState state = log.state(repo.topLevel(), "peers/" + role, baseCommit);
        if (state.head() == null || !Files.isDirectory(worktree(role))) {
            return state;
        }
        List<String> uncommitted =
                List.copyOf(changes.changes(worktree(role), "HEAD").touchedPaths());
        return new BranchState(state.branch(), state.head(), state.ahead(), state.stat(), uncommitted);
    }

    @Override
    public boolean sameAsOnBranch(String role, String path, String otherRole) {
        return Files.isDirectory(worktree(role)) && log.sameAsOnBranch(worktree(role), path, "peers/" + otherRole);
    }

    @Override
    public String teamPath(String gitPath) {
        if (prefix.isEmpty()) {
            return gitPath;
        }
        return gitPath.startsWith(prefix) ? gitPath.substring(prefix.length()) : null;
    }

    @Override
    public ToolResult merge(String role, String into) {
        String target = into != null ? into : baseBranch;
        if (target == null) {
            return ToolResult.error("the team's base branch is not known (it started from a detached HEAD); say"
                    + " where to merge with 'into'");
        }
        String source = "peers/" + role;
        fetchedIfRemote(role);
        String warning = "";
        if (Files.isDirectory(worktree(role))) {
            List<String> uncommitted =
                    List.copyOf(changes.changes(worktree(role), "HEAD").touchedPaths());
            if (!uncommitted.isEmpty()) {
                warning = MergeReport.uncommittedWarning(role, uncommitted, false) + "\n";
            }
        }
        MergeResult result = new MergeBack().merge(repo, source, target);
        MergeReport report = MergeReport.of(role, source, target, result);
        return new ToolResult(warning + report.text(), !report.ok());
    }
}
