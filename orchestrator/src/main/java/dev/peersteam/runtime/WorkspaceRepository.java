package dev.peersteam.runtime;

import dev.peersteam.coordinator.RepositoryView;
import dev.peersteam.git.BranchLog;
import dev.peersteam.git.BranchState;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.git.Git;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.MergeBack;
import dev.peersteam.git.MergeResult;
import dev.peersteam.git.NewCommits;
import dev.peersteam.git.WorktreeChanges;
import dev.peersteam.overlap.MergeReport;
import dev.peersteam.overlap.OverlapMessages;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    WorkspaceRepository(TeamSpec team, GitRepo repo, String baseCommit, String baseBranch) {
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

    @Override
    public Optional<ChangeSet> changes(String role) {
        Path worktree = worktree(role);
        if (!Files.isDirectory(worktree)) {
            return Optional.empty(); // removed under the team: nothing to compare
        }
        return Optional.of(changes.changes(worktree, baseCommit));
    }

    @Override
    public String summary(String role, ChangedPath change) {
        return changes.summary(worktree(role), baseCommit, change, OverlapMessages.SUMMARY_LINES);
    }

    @Override
    public String branchHead(String role) {
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
