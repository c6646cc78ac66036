package dev.peersteam.cli;

import dev.peersteam.git.Git;
import dev.peersteam.git.GitException;
import dev.peersteam.git.GitRepo;
import dev.peersteam.git.MergeBack;
import dev.peersteam.git.MergeResult;
import dev.peersteam.git.WorktreeChanges;
import dev.peersteam.overlap.MergeReport;
import dev.peersteam.runtime.TeamInfo;
import dev.peersteam.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code peers-team merge ROLE [--into BRANCH]}: merges the role's branch into the team's base branch (or BRANCH) with
 * {@link MergeBack}, which never leaves the target half merged. Works with or without a running coordinator.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Merges a role's branch (peers/ROLE) into the branch the team started from, or into --into BRANCH:"
                    + " a fast-forward when possible, else a merge commit.",
            "Only committed work is merged; uncommitted work in the role's worktree gets a warning. On conflicts"
                    + " nothing is changed and the conflicting paths are listed (exit 1). A target checked out with"
                    + " uncommitted changes is refused (exit 1)."
        },
        footer = {"", "Examples:", "  peers-team merge backend", "  peers-team merge qa --into release"})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PeersOptions peers;

    @Parameters(paramLabel = "ROLE", description = "The role whose branch to merge.")
    private String role;

    @Option(
            names = "--into",
            paramLabel = "BRANCH",
            description = "The branch to merge into. Default: the team's base branch (recorded by 'up').")
    private String into;

    @Override
    public Integer call() {
        TeamInfo team = peers.teamInfo(peers.peersDir());
        RoleWorktree worktree = RoleWorktree.of(team, role);
        String target = into != null ? into : team.baseBranch();
        if (target == null || target.isBlank()) {
            throw new UserError(
                    "peers-team: the team's base branch is not known (it started from a detached HEAD,"
                            + " or .peers/team.json was written by an older peers-team); say where to merge with"
                            + " --into BRANCH.",
                    ExitCodes.INVALID);
        }
        String source = worktree.role().branch();
        Git git = new Git();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (worktree.exists()) {
                List<String> uncommitted = List.copyOf(new WorktreeChanges(git)
                        .changes(worktree.path(), "HEAD")
                        .touchedPaths());
                if (!uncommitted.isEmpty()) {
                    err.println(TerminalText.lines(
                            "peers-team: " + MergeReport.uncommittedWarning(role, uncommitted, true)));
                    err.flush();
                }
            } else {
                err.println("peers-team: note: " + worktree.missing(team) + " Merging the branch as it is.");
                err.flush();
            }
            MergeResult result = new MergeBack().merge(GitRepo.open(Path.of(team.repo()), git), source, target);
            MergeReport report = MergeReport.of(role, source, target, result);
            if (!report.ok()) {
                throw new UserError("peers-team: " + report.text(), ExitCodes.FAILED);
            }
            out.println(TerminalText.lines(report.text()));
            out.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            throw new UserError("peers-team: " + e.getMessage(), ExitCodes.INVALID, e);
        } catch (GitException e) {
            throw new UserError("peers-team: " + e.getMessage(), ExitCodes.FAILED, e);
        }
    }
}
