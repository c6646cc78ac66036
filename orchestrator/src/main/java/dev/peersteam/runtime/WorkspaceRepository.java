package dev.peersteam.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.peersteam.coordinator.RepositoryView;
import dev.peersteam.git.ChangeSet;
import dev.peersteam.git.ChangedPath;
import dev.peersteam.git.Git;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.MergeBack;
import dev.peersteam.git.MergeResult;
import dev.peersteam.git.WorktreeChanges;
import dev.peersteam.overlap.MergeReport;
import dev.peersteam.overlap.OverlapMessages;
import dev.peersteam.team.TeamSpec;
import dev.peersteam.tools.ToolResult;

/** The git side of the coordinator ({@link RepositoryView}) for a real team: its worktrees against the base it started from. */
final class WorkspaceRepository implements RepositoryView {
    private final TeamSpec team;
    private final GitRepo repo;
    private final String baseCommit;
    private final String baseBranch;
    private final WorktreeChanges changes;

    WorkspaceRepository(TeamSpec team, GitRepo repo, String baseCommit, String baseBranch) {
        this.team = team;
        this.repo = repo;
        this.baseCommit = baseCommit;
        this.baseBranch = baseBranch;
        this.changes = new WorktreeChanges(new Git());
    }

    private Path worktree(String role) {
        return team.worktrees().resolve(role);
    }

    @Override
    public ChangeSet changes(String role) {
        return changes.changes(worktree(role), baseCommit);
    }

    @Override
    public String summary(String role, ChangedPath change) {
        return changes.summary(worktree(role), baseCommit, change, OverlapMessages.SUMMARY_LINES);
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
            List<String> uncommitted = List.copyOf(changes.changes(worktree(role), "HEAD").touchedPaths());
            if (!uncommitted.isEmpty()) {
                warning = MergeReport.uncommittedWarning(role, uncommitted, false) + "\n";
            }
        }
        MergeResult result = new MergeBack().merge(repo, source, target);
        MergeReport report = MergeReport.of(role, source, target, result);
        return new ToolResult(warning + report.text(), !report.ok());
    }
}
